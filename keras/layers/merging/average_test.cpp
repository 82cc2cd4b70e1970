#include "keras/layers/merging/average.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(AverageTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("average");
}

TEST(AverageTest, DividesTheSumByTheNumberOfInputs) {
  const Tensor y =
      Average()(Tensors{Tensor::full({1, 2}, 1.0), Tensor::full({1, 2}, 2.0),
                        Tensor::full({1, 2}, 6.0)});
  EXPECT_TRUE(testing::AllClose(y, Tensor::full({1, 2}, 3.0)));
}

TEST(AverageTest, GradientsMatchFiniteDifferences) {
  Average layer({.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in); },
      {random::normal({2, 3}, 0, 1, 1, DType::float64),
       random::normal({2, 3}, 0, 1, 2, DType::float64)});
}

TEST(AverageTest, IncompatibleShapesAreRefused) {
  EXPECT_THROW(Average()(Tensors{Input({2}), Input({3})}), ValueError);
}

}  // namespace
}  // namespace keras::layers
