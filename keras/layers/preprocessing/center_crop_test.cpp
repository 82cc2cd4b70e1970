#include "keras/layers/preprocessing/center_crop.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(CenterCropTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("center_crop");
}

TEST(CenterCropTest, CropsTheCentralWindow) {
  std::vector<float> v(16);
  for (int i = 0; i < 16; ++i) v[i] = float(i);
  const Tensor y = CenterCrop(2, 2)(Tensor::from_vector<float>(v, {4, 4, 1}));
  EXPECT_EQ(y.to_double_vector(), (std::vector<double>{5, 6, 9, 10}));
}

TEST(CenterCropTest, SmallerImagesAreResized) {
  const Tensor y = CenterCrop(4, 4)(Tensor::ones({1, 2, 2, 3}));
  EXPECT_EQ(y.shape(), (Shape{1, 4, 4, 3}));
  for (double v : y.to_double_vector()) EXPECT_FLOAT_EQ(v, 1.0);
}

TEST(CenterCropTest, BadArgumentsAreValueErrors) {
  keras::testing::expect_error<ValueError>([] { CenterCrop(0, 2); },
                                           "must be positive");
  keras::testing::expect_error<ValueError>(
      [] {
        CenterCrop(2, 2)(Tensor::zeros({4, 4}));
      },
      "images of rank 3 or 4");
}

// On a trainable path (images from a layer) the crop passes gradients; a
// target larger than the input resizes instead.
TEST(CenterCropTest, GradientsMatchFiniteDifferences) {
  const Tensor x = random::normal({2, 5, 4, 2}, 0, 1, 3, DType::float64);
  for (auto [h, w] : std::vector<std::pair<int, int>>{{3, 2}, {6, 3}}) {
    SCOPED_TRACE(h);
    CenterCrop layer(h, w, {.base = {.dtype = "float64"}});
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return layer(in[0]); }, {x});
  }
}

}  // namespace
}  // namespace keras::layers
