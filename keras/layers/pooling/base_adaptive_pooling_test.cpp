// Tests of AdaptiveAveragePooling1D/2D/3D and AdaptiveMaxPooling1D/2D/3D.
#include "keras/layers/pooling/base_adaptive_pooling.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/pooling/adaptive_average_pooling1d.h"
#include "keras/layers/pooling/adaptive_average_pooling2d.h"
#include "keras/layers/pooling/adaptive_average_pooling3d.h"
#include "keras/layers/pooling/adaptive_max_pooling1d.h"
#include "keras/layers/pooling/adaptive_max_pooling2d.h"
#include "keras/layers/pooling/adaptive_max_pooling3d.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(AdaptivePoolingLayersTest, KerasFixtures) {
  for (const char* c :
       {"adaptive_average_pooling1d", "adaptive_average_pooling2d",
        "adaptive_max_pooling2d", "adaptive_max_pooling3d"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(AdaptivePoolingLayersTest, ShapesAndConfig) {
  AdaptiveMaxPooling1D m1({3});
  EXPECT_EQ(m1(Tensor::zeros({2, 7, 4})).shape(), (Shape{2, 3, 4}));
  AdaptiveAveragePooling3D a3({2}, {.data_format = "channels_first"});
  EXPECT_EQ(a3(Tensor::zeros({1, 3, 5, 5, 5})).shape(), (Shape{1, 3, 2, 2, 2}));
  const Json config = a3->get_config();
  EXPECT_EQ(config["output_size"], Json({2, 2, 2}));
  EXPECT_EQ(AdaptiveAveragePooling3DLayer::from_config(config)->get_config(),
            config);
  EXPECT_EQ(AdaptiveMaxPooling2D({2, 1})(Tensor::zeros({1, 4, 4, 1})).shape(),
            (Shape{1, 2, 1, 1}));
  EXPECT_EQ(
      AdaptiveMaxPooling3D({1, 2, 3})(Tensor::zeros({1, 4, 4, 4, 1})).shape(),
      (Shape{1, 1, 2, 3, 1}));
  EXPECT_EQ(AdaptiveAveragePooling1D({2})(Tensor::zeros({1, 4, 1})).shape(),
            (Shape{1, 2, 1}));
  EXPECT_EQ(AdaptiveAveragePooling2D({3})(Tensor::zeros({1, 4, 4, 1})).shape(),
            (Shape{1, 3, 3, 1}));
}

TEST(AdaptivePoolingLayersTest, BadArgumentsAreRefused) {
  try {
    AdaptiveAveragePooling2D pool({1, 2, 3});
    FAIL() << "no error";
  } catch (const TypeError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr(
                              "`output_size` must be an integer or (height, "
                              "width) tuple."));
  }
  EXPECT_THROW(AdaptiveMaxPooling1D({2}, {.data_format = "nwc"}), ValueError);
}

TEST(AdaptivePoolingLayersTest, GradientsMatchFiniteDifferences) {
  const Tensor x = random::uniform({2, 5, 7, 2}, -1, 1, 1, DType::float64);
  AdaptiveMaxPooling2D max_pool({2, 3}, {.base = {.dtype = "float64"}});
  AdaptiveAveragePooling2D avg_pool({3, 2}, {.base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return max_pool(in[0]); }, {x});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return avg_pool(in[0]); }, {x});
}

// The 1D and 3D classes: every adaptive pooling class is exercised.
TEST(AdaptivePoolingLayersTest, OneAndThreeDGradientsMatchFiniteDifferences) {
  const Tensor x1 = random::uniform({2, 7, 2}, -1, 1, 2, DType::float64);
  const Tensor x3 = random::uniform({1, 3, 5, 4, 2}, -1, 1, 3, DType::float64);
  const LayerOptions f64 = {.dtype = "float64"};
  const std::vector<std::pair<LayerPtr, Tensor>> cases = {
      {AdaptiveMaxPooling1D({3}, {.base = f64}), x1},
      {AdaptiveAveragePooling1D({4}, {.base = f64}), x1},
      {AdaptiveMaxPooling3D({2, 2, 3}, {.base = f64}), x3},
      {AdaptiveAveragePooling3D({2, 2, 2},
                                {.data_format = "channels_first", .base = f64}),
       x3},
  };
  for (const auto& [layer, x] : cases) {
    SCOPED_TRACE(layer->class_name());
    keras::testing::expect_gradients_match(
        [&layer = layer](const Tensors& in) { return (*layer)(in[0]); }, {x});
  }
}

}  // namespace
}  // namespace keras::layers
