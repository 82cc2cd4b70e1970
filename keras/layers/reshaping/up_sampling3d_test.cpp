#include "keras/layers/reshaping/up_sampling3d.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(UpSampling3DTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("upsampling3d");
}

TEST(UpSampling3DTest, ScalesEachSpatialAxis) {
  EXPECT_EQ(UpSampling3D({1, 2, 3})(Input({2, 3, 3, 2})).shape(),
            (Shape{-1, 2, 6, 9, 2}));
  EXPECT_EQ(
      UpSampling3D(2, {.data_format = "channels_first"})(Input({1, 2, 2, 2}))
          .shape(),
      (Shape{-1, 1, 4, 4, 4}));
}

TEST(UpSampling3DTest, GradientsMatchFiniteDifferences) {
  UpSampling3D layer({1, 2, 2}, {.base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({1, 2, 2, 2, 1}, 0, 1, 7, DType::float64)});
}

TEST(UpSampling3DTest, BadSizeIsRefused) {
  EXPECT_THROW(UpSampling3D({2, 2}), ValueError);
  EXPECT_THROW(UpSampling3D(2)(Input({2, 2, 2})), ValueError);
}

}  // namespace
}  // namespace keras::layers
