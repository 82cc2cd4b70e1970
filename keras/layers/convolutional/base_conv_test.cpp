// Conv1D/2D/3D against the Keras-written fixtures, plus gradients, configs
// and argument errors.
#include "keras/layers/convolutional/base_conv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/convolutional/conv1d.h"
#include "keras/layers/convolutional/conv2d.h"
#include "keras/layers/convolutional/conv3d.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

template <class F>
void expect_value_error(F f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "no error, expected: " << message;
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr(message));
  }
}

TEST(ConvLayerTest, FixtureCases) {
  for (const char* c :
       {"conv1d_causal_dilated", "conv1d_groups", "conv1d_same_strides",
        "conv1d_valid", "conv2d_channels_first", "conv2d_dilation",
        "conv2d_groups", "conv2d_no_bias", "conv2d_same", "conv2d_strides",
        "conv2d_strides_valid", "conv2d_valid", "conv3d",
        "conv3d_same_strides"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(ConvLayerTest, WeightsAndOutputShapes) {
  Conv2D layer(6, {3}, {.strides = {2}, .padding = "same", .groups = 2});
  const Tensor y = layer(Tensor::zeros({2, 7, 5, 4}));
  EXPECT_EQ(y.shape(), (Shape{2, 4, 3, 6}));
  auto weights = layer->weights();
  ASSERT_EQ(weights.size(), 2u);
  EXPECT_EQ(weights[0]->path(), layer->name() + "/kernel");
  EXPECT_EQ(weights[0]->shape(), (Shape{3, 3, 2, 6}));
  EXPECT_EQ(weights[1]->path(), layer->name() + "/bias");
  Conv1D causal(2, {3}, {.padding = "causal", .dilation_rate = {2}});
  EXPECT_EQ(causal(Tensor::zeros({1, 9, 3})).shape(), (Shape{1, 9, 2}));
  Conv3D first(5, {2}, {.data_format = "channels_first"});
  EXPECT_EQ(first(Tensor::symbolic({-1, 3, 4, 5, 6})).shape(),
            (Shape{-1, 5, 3, 4, 5}));
}

TEST(ConvLayerTest, ConfigRoundTrip) {
  Conv2D layer(4, {3, 2},
               {.strides = {2, 1},
                .padding = "same",
                .activation = "relu",
                .kernel_regularizer = std::make_shared<regularizers::L2>(0.1),
                .activity_regularizer = std::make_shared<regularizers::L1>(0.2),
                .bias_constraint = std::make_shared<constraints::NonNeg>()});
  const Json config = layer->get_config();
  EXPECT_EQ(config["kernel_size"], Json::array({3, 2}));
  EXPECT_EQ(config["activity_regularizer"]["class_name"], "L1");
  EXPECT_EQ(Conv2DLayer::from_config(config)->get_config(), config);
}

TEST(ConvLayerTest, GradientsMatchFiniteDifferences) {
  struct C {
    int rank;
    ConvOptions o;
    Shape x;
  };
  for (C c : std::vector<C>{
           {1, {.padding = "causal", .dilation_rate = {2}}, {2, 7, 3}},
           {2, {.strides = {2}, .padding = "same", .groups = 3}, {2, 5, 6, 3}},
           {2,
            {.data_format = "channels_first", .dilation_rate = {2}},
            {1, 2, 6, 6}},
           {3, {.strides = {2, 1, 1}, .activation = "tanh"}, {1, 4, 3, 3, 2}},
       }) {
    c.o.base.dtype = "float64";
    c.o.bias_initializer = "random_normal";
    std::shared_ptr<BaseConvLayer> layer;
    if (c.rank == 1)
      layer = std::make_shared<Conv1DLayer>(3, ConvSizes{3}, c.o);
    if (c.rank == 2)
      layer = std::make_shared<Conv2DLayer>(3, ConvSizes{3}, c.o);
    if (c.rank == 3)
      layer = std::make_shared<Conv3DLayer>(3, ConvSizes{2}, c.o);
    const Tensor x = random::normal(c.x, 0, 1, 5, DType::float64);
    (*layer)(x);
    const Tensor y0 = (*layer)(x);
    const Tensor w = random::normal(y0.shape(), 0, 1, 6, DType::float64);
    keras::testing::expect_variable_gradients_match(
        [&] { return ops::sum(ops::multiply((*layer)(x), w)); },
        layer->weights());
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return (*layer)(in[0]); }, {x});
  }
}

TEST(ConvLayerTest, BadArgumentsAreRefusedWithKerasMessages) {
  expect_value_error([] { Conv2D(0, {3}); },
                     "Expected a strictly positive value. Received filters=0");
  expect_value_error([] { Conv2D(5, {3}, {.groups = 2}); },
                     "The number of filters must be evenly divisible by the "
                     "number of groups. Received: groups=2, filters=5.");
  expect_value_error(
      [] { Conv2D(4, {3}, {.strides = {2}, .dilation_rate = {2}}); },
      "`strides > 1` not supported in conjunction with "
      "`dilation_rate > 1`");
  expect_value_error([] { Conv2D(4, {3}, {.padding = "causal"}); },
                     "Received: causal");
  expect_value_error(
      [] {
        Conv2D(4, {3, 3, 3});
      },
      "The `kernel_size` argument must be a tuple of 2");
  expect_value_error(
      [] {
        Conv2D layer(4, {3}, {.groups = 2});
        layer(Tensor::zeros({1, 5, 5, 3}));
      },
      "The number of input channels must be evenly divisible by the number "
      "of groups. Received groups=2, but the input has 3 channels");
  expect_value_error(
      [] {
        Conv2D layer(4, {3});
        layer(Tensor::zeros({1, 5, 5, 3}));
        layer(Tensor::zeros({1, 5, 5, 2}));
      },
      "expected axis -1 of input shape to have value 3");
}

}  // namespace
}  // namespace keras::layers
