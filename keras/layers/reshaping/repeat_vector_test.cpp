#include "keras/layers/reshaping/repeat_vector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(RepeatVectorTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("repeat_vector");
}

TEST(RepeatVectorTest, RepeatsTheVector) {
  const Tensor y =
      RepeatVector(2)(Tensor::from_vector<float>({1, 2, 3, 4}, {2, 2}));
  EXPECT_THAT(y.to_double_vector(),
              ::testing::ElementsAre(1, 2, 1, 2, 3, 4, 3, 4));
  EXPECT_EQ(RepeatVector(3)(Input({4})).shape(), (Shape{-1, 3, 4}));
}

TEST(RepeatVectorTest, GradientsMatchFiniteDifferences) {
  RepeatVector layer(3, {.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({2, 4}, 0, 1, 7, DType::float64)});
}

TEST(RepeatVectorTest, BadArgumentsAreRefused) {
  try {
    RepeatVector(0);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Argument `n` should be a positive "
                                    "integer. Received: n=0"));
  }
  EXPECT_THROW(RepeatVector(2)(Input({2, 3})), ValueError);
}

}  // namespace
}  // namespace keras::layers
