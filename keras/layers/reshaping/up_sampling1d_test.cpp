#include "keras/layers/reshaping/up_sampling1d.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(UpSampling1DTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("upsampling1d");
}

TEST(UpSampling1DTest, RepeatsEachStep) {
  const Tensor y =
      UpSampling1D(3)(Tensor::from_vector<float>({1, 2}, {1, 2, 1}));
  EXPECT_THAT(y.to_double_vector(), ::testing::ElementsAre(1, 1, 1, 2, 2, 2));
  EXPECT_EQ(UpSampling1D()(Input({-1, 4})).shape(), (Shape{-1, -1, 4}));
}

TEST(UpSampling1DTest, GradientsMatchFiniteDifferences) {
  UpSampling1D layer(2, {.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({2, 3, 2}, 0, 1, 7, DType::float64)});
}

TEST(UpSampling1DTest, NonPositiveSizeIsRefused) {
  try {
    UpSampling1D(0);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Argument `size` should be a positive "
                                    "integer. Received: size=0"));
  }
}

}  // namespace
}  // namespace keras::layers
