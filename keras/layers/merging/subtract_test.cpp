#include "keras/layers/merging/subtract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(SubtractTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("subtract");
}

TEST(SubtractTest, GradientsMatchFiniteDifferences) {
  Subtract layer({.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in); },
      {random::normal({2, 3}, 0, 1, 1, DType::float64),
       random::normal({2, 3}, 0, 1, 2, DType::float64)});
}

TEST(SubtractTest, NeedsExactlyTwoInputs) {
  try {
    Subtract()(Tensors{Input({4}), Input({4}), Input({4})});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("A `Subtract` layer should be called on exactly 2 "
                          "inputs. Received: input_shape=[(None, 4), (None, "
                          "4), (None, 4)]"));
  }
}

}  // namespace
}  // namespace keras::layers
