#include "keras/ops/image.h"

#include <gtest/gtest.h>

#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::ops {
namespace {

std::vector<double> row(const std::vector<double>& w, std::int64_t in,
                        std::int64_t i) {
  return {w.begin() + i * in, w.begin() + (i + 1) * in};
}

TEST(ResizeWeightsTest, BilinearUsesHalfPixelCenters) {
  // Upsampling 2 -> 4: sources at -0.25 (clamped), 0.25, 0.75, 1.25.
  const auto w = resize_weights(2, 4, "bilinear", false);
  EXPECT_EQ(row(w, 2, 0), (std::vector<double>{1, 0}));
  EXPECT_EQ(row(w, 2, 1), (std::vector<double>{0.75, 0.25}));
  EXPECT_EQ(row(w, 2, 2), (std::vector<double>{0.25, 0.75}));
  EXPECT_EQ(row(w, 2, 3), (std::vector<double>{0, 1}));
  // Downsampling 4 -> 2 averages pairs.
  EXPECT_EQ(row(resize_weights(4, 2, "bilinear", false), 4, 0),
            (std::vector<double>{0.5, 0.5, 0, 0}));
}

TEST(ResizeWeightsTest, NearestIsPyTorchNearestExact) {
  const auto w = resize_weights(3, 2, "nearest", false);    // scale 1.5
  EXPECT_EQ(row(w, 3, 0), (std::vector<double>{1, 0, 0}));  // floor(0.75)
  EXPECT_EQ(row(w, 3, 1), (std::vector<double>{0, 0, 1}));  // floor(2.25)
}

TEST(ResizeWeightsTest, RowsSumToOne) {
  for (const char* mode : {"bilinear", "bicubic", "nearest"}) {
    for (bool aa : {false, true}) {
      for (auto [in, out] : {std::pair{7, 3}, std::pair{3, 7}}) {
        const auto w = resize_weights(in, out, mode, aa);
        for (std::int64_t i = 0; i < out; ++i) {
          double total = 0;
          for (double v : row(w, in, i)) total += v;
          EXPECT_NEAR(total, 1.0, 1e-12) << mode << " aa=" << aa;
        }
      }
    }
  }
  keras::testing::expect_error<ValueError>(
      [] { resize_weights(2, 2, "area", false); },
      "Received: interpolation=area");
}

TEST(ResizeWeightsTest, EmptyAxisIsAValueError) {
  keras::testing::expect_error<ValueError>(
      [] { resize_weights(0, 3, "bilinear", false); },
      "Cannot resize an axis of 0 pixels to 3");
  keras::testing::expect_error<ValueError>(
      [] { resize_weights(4, 0, "nearest", false); },
      "Cannot resize an axis of 4 pixels to 0");
}

TEST(ResizeTest, EmptyImagesAreAValueError) {
  // A config can declare a spatial size of 0 (found by fuzz_model_from_json).
  keras::testing::expect_error<ValueError>(
      [] {
        resize(Tensor::zeros({1, 0, 8, 2}), 3, 4);
      },
      "non-empty spatial shape");
}

TEST(ResizeTest, ShapesAndGradients) {
  const Tensor x =
      Tensor::from_vector<double>({1, 2, 3, 4, 5, 6}, {1, 2, 3, 1});
  EXPECT_EQ(resize(x, 4, 5).shape(), (Shape{1, 4, 5, 1}));
  EXPECT_EQ(resize(Tensor::zeros({2, 3, 1}), 4, 5).shape(), (Shape{4, 5, 1}));
  keras::testing::expect_gradients_match(
      [](const Tensors& in) { return resize(in[0], 3, 2); }, {x});
}

}  // namespace
}  // namespace keras::ops
