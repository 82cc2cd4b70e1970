#include "keras/layers/convolutional/base_separable_conv.h"

#include "keras/ops/conv.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

BaseSeparableConvLayer::BaseSeparableConvLayer(int rank, std::int64_t filters,
                                               ConvSizes kernel_size,
                                               SeparableConvOptions options,
                                               const std::string& base_name)
    : ConvLayerBase(rank, conv_args_of(std::move(kernel_size), options),
                    base_name, false),
      filters_(filters),
      options_(std::move(options)) {
  check_positive("filters", filters_);
  check_positive("depth_multiplier", options_.depth_multiplier);
  check_strides_and_dilation();
}

void BaseSeparableConvLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  const std::int64_t channels = build_channels(shape);
  Shape depthwise_shape = kernel_size();
  depthwise_shape.push_back(channels);
  depthwise_shape.push_back(options_.depth_multiplier);
  Shape pointwise_shape(std::size_t(rank()), 1);
  pointwise_shape.push_back(options_.depth_multiplier * channels);
  pointwise_shape.push_back(filters_);
  depthwise_kernel_ = add_weight({.name = "depthwise_kernel",
                                  .shape = depthwise_shape,
                                  .initializer = options_.depthwise_initializer,
                                  .regularizer = options_.depthwise_regularizer,
                                  .constraint = options_.depthwise_constraint});
  pointwise_kernel_ = add_weight({.name = "pointwise_kernel",
                                  .shape = pointwise_shape,
                                  .initializer = options_.pointwise_initializer,
                                  .regularizer = options_.pointwise_regularizer,
                                  .constraint = options_.pointwise_constraint});
  add_bias(filters_, options_.bias_initializer, options_.bias_regularizer,
           options_.bias_constraint);
}

Tensors BaseSeparableConvLayer::call(const Tensors& inputs,
                                     const CallContext&) {
  const Tensor& x = inputs.at(0);
  check_input(x);
  return {finish(ops::separable_conv(
      x, depthwise_kernel_->value(), pointwise_kernel_->value(), strides(),
      padding(), data_format(), dilation_rate()))};
}

Json BaseSeparableConvLayer::get_config() const {
  using saving::serialize_keras_object;
  Json config = base_config();
  config["depth_multiplier"] = options_.depth_multiplier;
  config["filters"] = filters_;
  config["kernel_size"] = kernel_size();
  config["strides"] = strides();
  config["padding"] = padding();
  config["data_format"] = data_format();
  config["dilation_rate"] = dilation_rate();
  put_activation(config);
  config["depthwise_initializer"] =
      serialize_keras_object(options_.depthwise_initializer.object());
  config["pointwise_initializer"] =
      serialize_keras_object(options_.pointwise_initializer.object());
  config["bias_initializer"] =
      serialize_keras_object(options_.bias_initializer.object());
  config["depthwise_regularizer"] =
      serialize_keras_object(options_.depthwise_regularizer);
  config["pointwise_regularizer"] =
      serialize_keras_object(options_.pointwise_regularizer);
  config["bias_regularizer"] =
      serialize_keras_object(options_.bias_regularizer);
  put_activity_regularizer(config);
  config["depthwise_constraint"] =
      serialize_keras_object(options_.depthwise_constraint);
  config["pointwise_constraint"] =
      serialize_keras_object(options_.pointwise_constraint);
  config["bias_constraint"] = serialize_keras_object(options_.bias_constraint);
  return config;
}

SeparableConvOptions BaseSeparableConvLayer::read_config(
    const Json& config, const std::string& class_name, std::int64_t& filters,
    ConvSizes& kernel_size) {
  saving::ConfigReader r(config, class_name);
  const ConvArgs a = read_args(r);
  filters = r.required<std::int64_t>("filters");
  kernel_size = a.kernel_size;
  SeparableConvOptions o;
  set_conv_args(a, o);
  o.depth_multiplier = r.get<std::int64_t>("depth_multiplier", 1);
  o.depthwise_initializer =
      read_initializer(r, "depthwise_initializer", "glorot_uniform");
  o.pointwise_initializer =
      read_initializer(r, "pointwise_initializer", "glorot_uniform");
  o.bias_initializer = read_initializer(r, "bias_initializer", "zeros");
  o.depthwise_regularizer = read_regularizer(r, "depthwise_regularizer");
  o.pointwise_regularizer = read_regularizer(r, "pointwise_regularizer");
  o.bias_regularizer = read_regularizer(r, "bias_regularizer");
  o.depthwise_constraint = read_constraint(r, "depthwise_constraint");
  o.pointwise_constraint = read_constraint(r, "pointwise_constraint");
  o.bias_constraint = read_constraint(r, "bias_constraint");
  return o;
}

}  // namespace keras::layers
