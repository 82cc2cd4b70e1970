// Conv1DTranspose/2DTranspose/3DTranspose against the Keras-written
// fixtures, plus gradients, configs and argument errors.
#include "keras/layers/convolutional/base_conv_transpose.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/convolutional/conv1d_transpose.h"
#include "keras/layers/convolutional/conv2d_transpose.h"
#include "keras/layers/convolutional/conv3d_transpose.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"
#include "keras/testing/layer_gradients.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(ConvTransposeLayerTest, FixtureCases) {
  for (const char* c :
       {"conv1d_transpose", "conv1d_transpose_same",
        "conv2d_transpose_output_padding", "conv2d_transpose_same_s2",
        "conv2d_transpose_valid", "conv3d_transpose"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(ConvTransposeLayerTest, WeightsAndOutputShapes) {
  Conv2DTranspose layer(6, {3}, {.strides = {2}, .padding = "same"});
  EXPECT_EQ(layer(Tensor::zeros({2, 4, 3, 5})).shape(), (Shape{2, 8, 6, 6}));
  EXPECT_EQ(layer->kernel()->shape(), (Shape{3, 3, 6, 5}));
  EXPECT_EQ(layer->weights()[1]->path(), layer->name() + "/bias");
  Conv1DTranspose padded(2, {3}, {.strides = {2}, .output_padding = {1}});
  EXPECT_EQ(padded(Tensor::zeros({1, 3, 3})).shape(), (Shape{1, 8, 2}));
  Conv3DTranspose first(2, {2},
                        {.strides = {2}, .data_format = "channels_first"});
  EXPECT_EQ(first(Tensor::symbolic({-1, 3, 2, 3, -1})).shape(),
            (Shape{-1, 2, 4, 6, -1}));
}

TEST(ConvTransposeLayerTest, ConfigRoundTrip) {
  Conv2DTranspose layer(4, {3}, {.strides = {2}, .output_padding = {1, 0}});
  const Json config = layer->get_config();
  EXPECT_EQ(config["output_padding"], Json::array({1, 0}));
  EXPECT_EQ(Conv2DTransposeLayer::from_config(config)->get_config(), config);
  EXPECT_TRUE(
      Conv2DTranspose(2, {3})->get_config()["output_padding"].is_null());
}

TEST(ConvTransposeLayerTest, GradientsMatchFiniteDifferences) {
  for (const ConvTransposeOptions& o0 : std::vector<ConvTransposeOptions>{
           {.strides = {2}},
           {.strides = {2}, .padding = "same"},
           {.strides = {2}, .output_padding = {1}},
           {.padding = "same",
           .data_format = "channels_first",
           .dilation_rate = {2}},
       }) {
    ConvTransposeOptions o = o0;
    o.base.dtype = "float64";
    o.bias_initializer = "random_normal";
    Conv2DTranspose layer(2, {3}, o);
    const Tensor x = random::normal({2, 3, 4, 3}, 0, 1, 5, DType::float64);
    const Tensor y0 = layer(x);
    const Tensor w = random::normal(y0.shape(), 0, 1, 6, DType::float64);
    keras::testing::expect_variable_gradients_match(
        [&] { return ops::sum(ops::multiply(layer(x), w)); }, layer->weights());
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return layer(in[0]); }, {x});
  }
}

TEST(ConvTransposeLayerTest, BadArgumentsAreRefusedWithKerasMessages) {
  try {
    Conv2DTranspose(2, {3}, {.strides = {2}, .output_padding = {2}});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Strides must be greater than output "
                                    "padding. Received strides=(2, 2), "
                                    "output_padding=(2, 2)."));
  }
  try {
    Conv1DTranspose(-1, {3});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Received filters=-1"));
  }
}

// Every rank: the 1D and 3D layers share the transpose code with Conv2D's
// but build their own kernels and output shapes.
TEST(ConvTransposeLayerTest, OneAndThreeDGradientsMatchFiniteDifferences) {
  Conv1DTranspose one(2, {3},
                      {.strides = {2},
                       .padding = "same",
                       .output_padding = {1},
                       .bias_initializer = "random_normal",
                       .base = {.dtype = "float64"}});
  keras::testing::expect_layer_gradients_match(
      one, random::normal({2, 4, 3}, 0, 1, 5, DType::float64));
  Conv3DTranspose three(2, {2},
                        {.strides = {2, 1, 1},
                         .data_format = "channels_first",
                         .bias_initializer = "random_normal",
                         .base = {.dtype = "float64"}});
  keras::testing::expect_layer_gradients_match(
      three, random::normal({1, 2, 2, 3, 2}, 0, 1, 7, DType::float64));
}

}  // namespace
}  // namespace keras::layers
