#include "keras/layers/merging/multiply.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(MultiplyTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("multiply");
}

TEST(MultiplyTest, GradientsMatchFiniteDifferences) {
  Multiply layer({.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in); },
      {random::normal({2, 3}, 0, 1, 1, DType::float64),
       random::normal({2, 3}, 0, 1, 2, DType::float64),
       random::normal({2, 1}, 0, 1, 3, DType::float64)});
}

TEST(MultiplyTest, IncompatibleShapesAreRefused) {
  EXPECT_THROW(Multiply()(Tensors{Input({2, 3}), Input({3, 3})}), ValueError);
}

}  // namespace
}  // namespace keras::layers
