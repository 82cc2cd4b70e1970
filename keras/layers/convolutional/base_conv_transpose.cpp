#include "keras/layers/convolutional/base_conv_transpose.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/conv.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

namespace {
std::string list_str(const ConvSizes& v) {
  std::string s = "(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(v[i]);
  }
  return s + (v.size() == 1 ? ",)" : ")");
}
}  // namespace

BaseConvTransposeLayer::BaseConvTransposeLayer(int rank, std::int64_t filters,
                                               ConvSizes kernel_size,
                                               ConvTransposeOptions options,
                                               const std::string& base_name)
    : ConvLayerBase(rank, conv_args_of(std::move(kernel_size), options),
                    base_name, false),
      filters_(filters),
      options_(std::move(options)) {
  if (!options_.output_padding.empty()) {
    output_padding_ = standardize_tuple(options_.output_padding, rank,
                                        "output_padding", true);
    for (int i = 0; i < rank; ++i) {
      if (output_padding_[i] >= strides()[i]) {
        throw ValueError(
            str("Strides must be greater than output padding. "
                "Received strides=",
                list_str(strides()),
                ", output_padding=", list_str(output_padding_), "."));
      }
    }
  }
  check_positive("filters", filters_);
}

void BaseConvTransposeLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  const std::int64_t channels = build_channels(shape);
  Shape kernel_shape = kernel_size();
  kernel_shape.push_back(filters_);
  kernel_shape.push_back(channels);
  kernel_ = add_weight({.name = "kernel",
                        .shape = kernel_shape,
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint});
  add_bias(filters_, options_.bias_initializer, options_.bias_regularizer,
           options_.bias_constraint);
}

Tensors BaseConvTransposeLayer::call(const Tensors& inputs,
                                     const CallContext&) {
  const Tensor& x = inputs.at(0);
  check_input(x);
  return {finish(ops::conv_transpose(x, kernel_->value(), strides(), padding(),
                                     output_padding_, data_format(),
                                     dilation_rate()))};
}

Json BaseConvTransposeLayer::get_config() const {
  using saving::serialize_keras_object;
  Json config = base_config();
  config["filters"] = filters_;
  config["kernel_size"] = kernel_size();
  config["strides"] = strides();
  config["padding"] = padding();
  config["output_padding"] =
      output_padding_.empty() ? Json(nullptr) : Json(output_padding_);
  config["data_format"] = data_format();
  config["dilation_rate"] = dilation_rate();
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

ConvTransposeOptions BaseConvTransposeLayer::read_config(
    const Json& config, const std::string& class_name, std::int64_t& filters,
    ConvSizes& kernel_size) {
  saving::ConfigReader r(config, class_name);
  const ConvArgs a = read_args(r);
  filters = r.required<std::int64_t>("filters");
  kernel_size = a.kernel_size;
  ConvTransposeOptions o;
  set_conv_args(a, o);
  o.output_padding = read_tuple(r, "output_padding", {});
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
