// DepthwiseConv1D/2D against the Keras-written fixtures, plus gradients,
// configs and argument errors.
#include "keras/layers/convolutional/base_depthwise_conv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/convolutional/depthwise_conv1d.h"
#include "keras/layers/convolutional/depthwise_conv2d.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"
#include "keras/testing/layer_gradients.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(DepthwiseConvLayerTest, FixtureCases) {
  for (const char* c :
       {"depthwise_conv1d", "depthwise_conv2d", "depthwise_conv2d_mult_same"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(DepthwiseConvLayerTest, WeightsShapesAndConfig) {
  DepthwiseConv2D layer(
      {3, 2}, {.strides = {2}, .padding = "same", .depth_multiplier = 2});
  EXPECT_EQ(layer(Tensor::zeros({1, 7, 6, 3})).shape(), (Shape{1, 4, 3, 6}));
  auto weights = layer->weights();
  ASSERT_EQ(weights.size(), 2u);
  EXPECT_EQ(weights[0]->path(), layer->name() + "/kernel");
  EXPECT_EQ(weights[0]->shape(), (Shape{3, 2, 3, 2}));
  EXPECT_EQ(weights[1]->shape(), (Shape{6}));
  const Json config = layer->get_config();
  EXPECT_EQ(DepthwiseConv2DLayer::from_config(config)->get_config(), config);
}

TEST(DepthwiseConvLayerTest, GradientsMatchFiniteDifferences) {
  for (const std::string df : {"channels_last", "channels_first"}) {
    DepthwiseConv2D layer({3}, {.padding = "same",
                                .depth_multiplier = 2,
                                .data_format = df,
                                .dilation_rate = {2},
                                .bias_initializer = "random_normal",
                                .base = {.dtype = "float64"}});
    const Tensor x = random::normal({2, 3, 5, 3}, 0, 1, 5, DType::float64);
    const Tensor y0 = layer(x);
    const Tensor w = random::normal(y0.shape(), 0, 1, 6, DType::float64);
    keras::testing::expect_variable_gradients_match(
        [&] { return ops::sum(ops::multiply(layer(x), w)); }, layer->weights());
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return layer(in[0]); }, {x});
  }
}

TEST(DepthwiseConvLayerTest, BadArgumentsAreRefused) {
  try {
    DepthwiseConv1D({3}, {.strides = {2}, .dilation_rate = {3}});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("`strides > 1` not supported"));
  }
  try {
    DepthwiseConv2D layer({5});
    layer(Tensor::zeros({1, 3, 3, 2}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Computed output size would be negative"));
  }
}

TEST(DepthwiseConvLayerTest, OneDGradientsMatchFiniteDifferences) {
  DepthwiseConv1D layer({3}, {.strides = {2},
                              .depth_multiplier = 2,
                              .bias_initializer = "random_normal",
                              .base = {.dtype = "float64"}});
  keras::testing::expect_layer_gradients_match(
      layer, random::normal({2, 7, 3}, 0, 1, 5, DType::float64));
}

}  // namespace
}  // namespace keras::layers
