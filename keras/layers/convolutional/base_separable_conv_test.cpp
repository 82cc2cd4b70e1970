// SeparableConv1D/2D against the Keras-written fixtures, plus gradients,
// configs and argument errors.
#include "keras/layers/convolutional/base_separable_conv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/convolutional/separable_conv1d.h"
#include "keras/layers/convolutional/separable_conv2d.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"
#include "keras/testing/layer_gradients.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(SeparableConvLayerTest, FixtureCases) {
  for (const char* c :
       {"separable_conv1d", "separable_conv2d", "separable_conv2d_strides"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(SeparableConvLayerTest, WeightsShapesAndConfig) {
  SeparableConv2D layer(5, {3}, {.padding = "same", .depth_multiplier = 2});
  EXPECT_EQ(layer(Tensor::zeros({1, 6, 6, 3})).shape(), (Shape{1, 6, 6, 5}));
  auto weights = layer->weights();
  ASSERT_EQ(weights.size(), 3u);
  EXPECT_EQ(weights[0]->path(), layer->name() + "/depthwise_kernel");
  EXPECT_EQ(weights[0]->shape(), (Shape{3, 3, 3, 2}));
  EXPECT_EQ(weights[1]->path(), layer->name() + "/pointwise_kernel");
  EXPECT_EQ(weights[1]->shape(), (Shape{1, 1, 6, 5}));
  EXPECT_EQ(weights[2]->shape(), (Shape{5}));
  const Json config = layer->get_config();
  EXPECT_EQ(SeparableConv2DLayer::from_config(config)->get_config(), config);
}

TEST(SeparableConvLayerTest, GradientsMatchFiniteDifferences) {
  SeparableConv1D layer(3, {3},
                        {.strides = {2},
                         .padding = "same",
                         .depth_multiplier = 2,
                         .bias_initializer = "random_normal",
                         .base = {.dtype = "float64"}});
  const Tensor x = random::normal({2, 7, 2}, 0, 1, 5, DType::float64);
  const Tensor y0 = layer(x);
  const Tensor w = random::normal(y0.shape(), 0, 1, 6, DType::float64);
  keras::testing::expect_variable_gradients_match(
      [&] { return ops::sum(ops::multiply(layer(x), w)); }, layer->weights());
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); }, {x});
}

TEST(SeparableConvLayerTest, BadArgumentsAreRefused) {
  try {
    SeparableConv2D(4, {3}, {.depth_multiplier = 0});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Received depth_multiplier=0"));
  }
}

TEST(SeparableConvLayerTest, TwoDGradientsMatchFiniteDifferences) {
  for (const std::string df : {"channels_last", "channels_first"}) {
    SCOPED_TRACE(df);
    SeparableConv2D layer(2, {2, 3},
                          {.padding = "same",
                           .data_format = df,
                           .dilation_rate = {2, 1},
                           .depth_multiplier = 2,
                           .bias_initializer = "random_normal",
                           .base = {.dtype = "float64"}});
    keras::testing::expect_layer_gradients_match(
        layer, random::normal({2, 3, 4, 3}, 0, 1, 5, DType::float64));
  }
}

}  // namespace
}  // namespace keras::layers
