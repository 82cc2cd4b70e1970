#include "keras/layers/reshaping/reshape.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(ReshapeTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("reshape");
}

TEST(ReshapeTest, InfersTheUnknownDimension) {
  Reshape layer({4, -1});
  EXPECT_EQ(layer(Input({3, 4, 2})).shape(), (Shape{-1, 4, 6}));
  EXPECT_EQ(layer(Tensor::zeros({5, 3, 4, 2})).shape(), (Shape{5, 4, 6}));
  EXPECT_TRUE(layer->get_build_config().is_null());
}

TEST(ReshapeTest, GradientsMatchFiniteDifferences) {
  Reshape layer({3, 2}, {.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({2, 6}, 0, 1, 7, DType::float64)});
}

TEST(ReshapeTest, BadTargetShapesAreRefusedWithKerasMessages) {
  try {
    Reshape({-1, -1});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("There must be at most one unknown "
                                    "dimension (-1) in `target_shape`. "
                                    "Received: target_shape=(-1, -1)."));
  }
  try {
    Reshape({5})(Input({2, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("The total size of the tensor must be "
                                    "unchanged. Received: input_shape=(2, "
                                    "3), target_shape=(5,)"));
  }
}

}  // namespace
}  // namespace keras::layers
