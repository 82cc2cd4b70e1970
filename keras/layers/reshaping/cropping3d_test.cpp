#include "keras/layers/reshaping/cropping3d.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(Cropping3DTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("cropping3d");
}

TEST(Cropping3DTest, ChannelsFirstCropsTheLastThreeAxes) {
  Cropping3D layer(1, {.data_format = "channels_first"});
  EXPECT_EQ(layer(Input({2, 4, 5, 6})).shape(), (Shape{-1, 2, 2, 3, 4}));
}

TEST(Cropping3DTest, GradientsMatchFiniteDifferences) {
  Cropping3D layer({{1, 0}, {0, 1}, {1, 1}}, {.base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({1, 4, 4, 3, 2}, 0, 1, 7, DType::float64)});
}

TEST(Cropping3DTest, BadCroppingIsRefusedWithKerasMessages) {
  EXPECT_THROW(Cropping3D({{1, 1}, {1, 1}})(Input({4, 4, 4, 2})), ValueError);
  EXPECT_THROW(Cropping3D(2)(Input({4, 4, 4, 2})), ValueError);
  EXPECT_THROW(Cropping3D(1)(Input({4, 4, 2})), ValueError);
}

}  // namespace
}  // namespace keras::layers
