// Tests of GlobalAveragePooling1D/2D/3D and GlobalMaxPooling1D/2D/3D.
#include "keras/layers/pooling/base_global_pooling.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/pooling/global_average_pooling1d.h"
#include "keras/layers/pooling/global_average_pooling2d.h"
#include "keras/layers/pooling/global_average_pooling3d.h"
#include "keras/layers/pooling/global_max_pooling1d.h"
#include "keras/layers/pooling/global_max_pooling2d.h"
#include "keras/layers/pooling/global_max_pooling3d.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(GlobalPoolingLayersTest, KerasFixtures) {
  for (const char* c :
       {"global_average_pooling1d", "global_average_pooling1d_keepdims",
        "global_average_pooling2d", "global_average_pooling2d_channels_first",
        "global_average_pooling3d", "global_max_pooling1d",
        "global_max_pooling2d_keepdims", "global_max_pooling3d"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(GlobalPoolingLayersTest, ShapesAndConfig) {
  const Tensor x = Tensor::zeros({2, 3, 4, 5});
  EXPECT_EQ(GlobalMaxPooling2D()(x).shape(), (Shape{2, 5}));
  EXPECT_EQ(GlobalAveragePooling2D(
                {.data_format = "channels_first", .keepdims = true})(x)
                .shape(),
            (Shape{2, 3, 1, 1}));
  EXPECT_EQ(GlobalAveragePooling1D()(Tensor::zeros({2, 3, 4})).shape(),
            (Shape{2, 4}));
  EXPECT_EQ(
      GlobalMaxPooling1D({.keepdims = true})(Tensor::zeros({2, 3, 4})).shape(),
      (Shape{2, 1, 4}));
  EXPECT_EQ(GlobalAveragePooling3D()(Tensor::zeros({2, 3, 4, 5, 6})).shape(),
            (Shape{2, 6}));
  GlobalMaxPooling3D g3({.data_format = "channels_first"});
  EXPECT_EQ(g3(Tensor::zeros({2, 3, 4, 5, 6})).shape(), (Shape{2, 3}));
  const Json config = g3->get_config();
  EXPECT_EQ(config["data_format"], "channels_first");
  EXPECT_EQ(config["keepdims"], false);
  EXPECT_EQ(GlobalMaxPooling3DLayer::from_config(config)->get_config(), config);
}

TEST(GlobalPoolingLayersTest, WrongRankIsRefused) {
  GlobalAveragePooling2D pool;
  try {
    pool(Tensor::zeros({2, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(),
                ::testing::HasSubstr("expected ndim=4, found ndim=2"));
  }
}

TEST(GlobalPoolingLayersTest, GradientsMatchFiniteDifferences) {
  const Tensor x = random::uniform({2, 3, 4}, -1, 1, 1, DType::float64);
  GlobalMaxPooling1D max_pool({.base = {.dtype = "float64"}});
  GlobalAveragePooling1D avg_pool(
      {.data_format = "channels_first", .base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return max_pool(in[0]); }, {x});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return avg_pool(in[0]); }, {x});
}

// The 2D and 3D classes: every global pooling class is exercised.
TEST(GlobalPoolingLayersTest, TwoAndThreeDGradientsMatchFiniteDifferences) {
  const Tensor x2 = random::uniform({2, 3, 2, 2}, -1, 1, 2, DType::float64);
  const Tensor x3 = random::uniform({1, 2, 3, 2, 2}, -1, 1, 3, DType::float64);
  const LayerOptions f64 = {.dtype = "float64"};
  const std::vector<std::pair<LayerPtr, Tensor>> cases = {
      {GlobalMaxPooling2D({.data_format = "channels_first", .base = f64}), x2},
      {GlobalAveragePooling2D({.keepdims = true, .base = f64}), x2},
      {GlobalMaxPooling3D({.keepdims = true, .base = f64}), x3},
      {GlobalAveragePooling3D({.base = f64}), x3},
  };
  for (const auto& [layer, x] : cases) {
    SCOPED_TRACE(layer->class_name());
    keras::testing::expect_gradients_match(
        [&layer = layer](const Tensors& in) { return (*layer)(in[0]); }, {x});
  }
}

}  // namespace
}  // namespace keras::layers
