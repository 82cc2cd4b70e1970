#include "keras/layers/reshaping/up_sampling2d.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(UpSampling2DTest, MatchesKerasFixtures) {
  for (const char* c : {"upsampling2d_nearest", "upsampling2d_bilinear"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(UpSampling2DTest, BilinearUsesHalfPixelCenters) {
  // One row [0, 1] upsampled x2: sources -0.25 (clamped to 0), 0.25, 0.75,
  // 1.25 (clamped to the last entry) -> [0, 0.25, 0.75, 1].
  const Tensor x = Tensor::from_vector<float>({0, 1}, {1, 1, 2, 1});
  const Tensor y = UpSampling2D({1, 2}, {.interpolation = "bilinear"})(x);
  EXPECT_THAT(y.to_double_vector(), ::testing::ElementsAre(0, 0.25, 0.75, 1));
  EXPECT_EQ(UpSampling2D(2, {.data_format = "channels_first"})(Input({2, 3, 4}))
                .shape(),
            (Shape{-1, 2, 6, 8}));
}

TEST(UpSampling2DTest, GradientsMatchFiniteDifferences) {
  for (const char* interpolation : {"nearest", "bilinear"}) {
    SCOPED_TRACE(interpolation);
    UpSampling2D layer(
        {2, 3}, {.interpolation = interpolation, .base = {.dtype = "float64"}});
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return layer(in[0]); },
        {random::normal({1, 2, 3, 2}, 0, 1, 7, DType::float64)});
  }
}

TEST(UpSampling2DTest, BadArgumentsAreRefused) {
  try {
    UpSampling2D({2, 0});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("The `size` argument must be a tuple of 2 "
                                    "integers"));
  }
  EXPECT_THROW(UpSampling2D(2, {.interpolation = "lanczos3"}),
               NotImplementedError);
}

}  // namespace
}  // namespace keras::layers
