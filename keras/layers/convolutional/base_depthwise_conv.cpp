#include "keras/layers/convolutional/base_depthwise_conv.h"

#include "keras/ops/conv.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

BaseDepthwiseConvLayer::BaseDepthwiseConvLayer(int rank, ConvSizes kernel_size,
                                               DepthwiseConvOptions options,
                                               const std::string& base_name)
    : ConvLayerBase(rank, conv_args_of(std::move(kernel_size), options),
                    base_name, false),
      options_(std::move(options)) {
  check_positive("depth_multiplier", options_.depth_multiplier);
  check_strides_and_dilation();
}

void BaseDepthwiseConvLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  const std::int64_t channels = build_channels(shape);
  Shape kernel_shape = kernel_size();
  kernel_shape.push_back(channels);
  kernel_shape.push_back(options_.depth_multiplier);
  // Validates the spatial dims as Keras' compute_output_shape does.
  ops::depthwise_conv(Tensor::symbolic(shape), Tensor::symbolic(kernel_shape),
                      strides(), padding(), data_format(), dilation_rate());
  kernel_ = add_weight({.name = "kernel",
                        .shape = kernel_shape,
                        .initializer = options_.depthwise_initializer,
                        .regularizer = options_.depthwise_regularizer,
                        .constraint = options_.depthwise_constraint});
  add_bias(options_.depth_multiplier * channels, options_.bias_initializer,
           options_.bias_regularizer, options_.bias_constraint);
}

Tensors BaseDepthwiseConvLayer::call(const Tensors& inputs,
                                     const CallContext&) {
  const Tensor& x = inputs.at(0);
  check_input(x);
  return {finish(ops::depthwise_conv(x, kernel_->value(), strides(), padding(),
                                     data_format(), dilation_rate()))};
}

Json BaseDepthwiseConvLayer::get_config() const {
  using saving::serialize_keras_object;
  Json config = base_config();
  config["depth_multiplier"] = options_.depth_multiplier;
  config["kernel_size"] = kernel_size();
  config["strides"] = strides();
  config["padding"] = padding();
  config["data_format"] = data_format();
  config["dilation_rate"] = dilation_rate();
  put_activation(config);
  config["depthwise_initializer"] =
      serialize_keras_object(options_.depthwise_initializer.object());
  config["bias_initializer"] =
      serialize_keras_object(options_.bias_initializer.object());
  config["depthwise_regularizer"] =
      serialize_keras_object(options_.depthwise_regularizer);
  config["bias_regularizer"] =
      serialize_keras_object(options_.bias_regularizer);
  put_activity_regularizer(config);
  config["depthwise_constraint"] =
      serialize_keras_object(options_.depthwise_constraint);
  config["bias_constraint"] = serialize_keras_object(options_.bias_constraint);
  return config;
}

DepthwiseConvOptions BaseDepthwiseConvLayer::read_config(
    const Json& config, const std::string& class_name, ConvSizes& kernel_size) {
  saving::ConfigReader r(config, class_name);
  const ConvArgs a = read_args(r);
  kernel_size = a.kernel_size;
  DepthwiseConvOptions o;
  set_conv_args(a, o);
  o.depth_multiplier = r.get<std::int64_t>("depth_multiplier", 1);
  o.depthwise_initializer =
      read_initializer(r, "depthwise_initializer", "glorot_uniform");
  o.bias_initializer = read_initializer(r, "bias_initializer", "zeros");
  o.depthwise_regularizer = read_regularizer(r, "depthwise_regularizer");
  o.bias_regularizer = read_regularizer(r, "bias_regularizer");
  o.depthwise_constraint = read_constraint(r, "depthwise_constraint");
  o.bias_constraint = read_constraint(r, "bias_constraint");
  return o;
}

}  // namespace keras::layers
