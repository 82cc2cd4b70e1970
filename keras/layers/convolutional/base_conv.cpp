#include "keras/layers/convolutional/base_conv.h"

#include "keras/ops/conv.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

BaseConvLayer::BaseConvLayer(int rank, std::int64_t filters,
                             ConvSizes kernel_size, ConvOptions options,
                             const std::string& base_name)
    : ConvLayerBase(rank, conv_args_of(std::move(kernel_size), options),
                    base_name, rank == 1),
      filters_(filters),
      options_(std::move(options)) {
  check_positive("filters", filters_);
  if (options_.groups <= 0) {
    throw ValueError(
        str("The number of groups must be a positive integer. "
            "Received: groups=",
            options_.groups, "."));
  }
  if (filters_ % options_.groups != 0) {
    throw ValueError(
        str("The number of filters must be evenly divisible by "
            "the number of groups. Received: groups=",
            options_.groups, ", filters=", filters_, "."));
  }
  check_strides_and_dilation();
}

void BaseConvLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  const std::int64_t channels = build_channels(shape);
  if (channels % options_.groups != 0) {
    throw ValueError(
        str("The number of input channels must be evenly "
            "divisible by the number of groups. Received "
            "groups=",
            options_.groups, ", but the input has ", channels,
            " channels (full input shape is ", shape_str(shape), ")."));
  }
  Shape kernel_shape = kernel_size();
  kernel_shape.push_back(channels / options_.groups);
  kernel_shape.push_back(filters_);
  // Validates the spatial dims as Keras' compute_output_shape does.
  ops::conv(Tensor::symbolic(shape), Tensor::symbolic(kernel_shape), strides(),
            padding(), data_format(), dilation_rate());
  kernel_ = add_weight({.name = "kernel",
                        .shape = kernel_shape,
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint});
  add_bias(filters_, options_.bias_initializer, options_.bias_regularizer,
           options_.bias_constraint);
}

Tensors BaseConvLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  check_input(x);
  if (bias()) {
    // The bias added while the convolution writes its output.
    return {activate(ops::conv_with_bias(x, kernel_->value(), bias()->value(),
                                         strides(), padding(), data_format(),
                                         dilation_rate()))};
  }
  return {finish(ops::conv(x, kernel_->value(), strides(), padding(),
                           data_format(), dilation_rate()))};
}

Json BaseConvLayer::get_config() const {
  using saving::serialize_keras_object;
  Json config = base_config();
  config["filters"] = filters_;
  config["kernel_size"] = kernel_size();
  config["strides"] = strides();
  config["padding"] = padding();
  config["data_format"] = data_format();
  config["dilation_rate"] = dilation_rate();
  config["groups"] = options_.groups;
  put_activation(config);
  config["kernel_initializer"] =
      serialize_keras_object(options_.kernel_initializer.object());
  config["bias_initializer"] =
      serialize_keras_object(options_.bias_initializer.object());
  config["kernel_regularizer"] =
      serialize_keras_object(options_.kernel_regularizer);
  config["bias_regularizer"] =
      serialize_keras_object(options_.bias_regularizer);
  put_activity_regularizer(config);
  config["kernel_constraint"] =
      serialize_keras_object(options_.kernel_constraint);
  config["bias_constraint"] = serialize_keras_object(options_.bias_constraint);
  return config;
}

ConvOptions BaseConvLayer::read_config(const Json& config,
                                       const std::string& class_name,
                                       std::int64_t& filters,
                                       ConvSizes& kernel_size) {
  saving::ConfigReader r(config, class_name);
  const ConvArgs a = read_args(r);
  filters = r.required<std::int64_t>("filters");
  kernel_size = a.kernel_size;
  ConvOptions o;
  set_conv_args(a, o);
  o.groups = r.get<std::int64_t>("groups", 1);
  o.kernel_initializer =
      read_initializer(r, "kernel_initializer", "glorot_uniform");
  o.bias_initializer = read_initializer(r, "bias_initializer", "zeros");
  o.kernel_regularizer = read_regularizer(r, "kernel_regularizer");
  o.bias_regularizer = read_regularizer(r, "bias_regularizer");
  o.kernel_constraint = read_constraint(r, "kernel_constraint");
  o.bias_constraint = read_constraint(r, "bias_constraint");
  return o;
}

}  // namespace keras::layers
