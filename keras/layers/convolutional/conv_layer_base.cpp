#include "keras/layers/convolutional/conv_layer_base.h"

#include <algorithm>
#include <cctype>

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/ops.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

namespace {

LayerOptions conv_options(LayerOptions base,
                          regularizers::RegularizerPtr activity) {
  if (activity) base.activity_regularizer = std::move(activity);
  return base;
}

std::string tuple_str(const ConvSizes& v) {
  std::string s = "(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(v[i]);
  }
  return s + (v.size() == 1 ? ",)" : ")");
}

// Keras' standardize_padding for a string argument.
std::string standardize_padding(const std::string& padding, bool allow_causal) {
  std::string lower = padding;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (lower != "valid" && lower != "same" &&
      !(allow_causal && lower == "causal")) {
    throw ValueError(
        str("The `padding` argument must be a list/tuple or one "
            "of ",
            allow_causal ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}",
            ". Received: ", padding));
  }
  return lower;
}

}  // namespace

ConvLayerBase::ConvLayerBase(int rank, ConvArgs args,
                             const std::string& base_name, bool allow_causal)
    : Layer(conv_options(args.base, args.activity_regularizer), base_name),
      rank_(rank),
      kernel_size_(standardize_tuple(args.kernel_size, rank, "kernel_size")),
      strides_(standardize_tuple(args.strides, rank, "strides")),
      dilation_rate_(
          standardize_tuple(args.dilation_rate, rank, "dilation_rate")),
      padding_(standardize_padding(args.padding, allow_causal)),
      data_format_(standardize_data_format(args.data_format)),
      activation_(std::move(args.activation)),
      use_bias_(args.use_bias),
      activity_regularizer_(args.activity_regularizer
                                ? args.activity_regularizer
                                : args.base.activity_regularizer) {}

void ConvLayerBase::check_strides_and_dilation() const {
  if (*std::max_element(strides_.begin(), strides_.end()) > 1 &&
      *std::max_element(dilation_rate_.begin(), dilation_rate_.end()) > 1) {
    throw ValueError(str(
        "`strides > 1` not supported in conjunction with "
        "`dilation_rate > 1`. Received: strides=",
        tuple_str(strides_), " and dilation_rate=", tuple_str(dilation_rate_)));
  }
}

std::int64_t ConvLayerBase::build_channels(const Shape& shape) {
  if (int(shape.size()) < rank_ + 2) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected "
                         "min_ndim=",
                         rank_ + 2, ", found ndim=", shape.size(),
                         ". Full shape received: ", shape_str(shape)));
  }
  const std::int64_t c =
      data_format_ == "channels_last" ? shape.back() : shape[1];
  if (c < 0) {
    throw ValueError(
        str("The channel dimension of the inputs should be "
            "defined. Received: input_shape=",
            shape_str(shape)));
  }
  channels_ = c;
  return c;
}

void ConvLayerBase::check_input(const Tensor& x) const {
  if (int(x.ndim()) < rank_ + 2) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected "
                         "min_ndim=",
                         rank_ + 2, ", found ndim=", x.ndim(),
                         ". Full shape received: ", shape_str(x.shape())));
  }
  const bool last = data_format_ == "channels_last";
  const std::int64_t c = last ? x.shape().back() : x.shape()[1];
  if (channels_ >= 0 && c >= 0 && c != channels_) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected axis ",
                         last ? -1 : 1, " of input shape to have value ",
                         channels_, ", but received input with shape ",
                         shape_str(x.shape())));
  }
}

void ConvLayerBase::add_bias(std::int64_t units,
                             const initializers::Initializer& init,
                             const regularizers::RegularizerPtr& regularizer,
                             const constraints::ConstraintPtr& constraint) {
  if (!use_bias_) return;
  bias_ = add_weight({.name = "bias",
                      .shape = {units},
                      .initializer = init,
                      .regularizer = regularizer,
                      .constraint = constraint});
}

Tensor ConvLayerBase::finish(Tensor y) const {
  if (bias_) {
    Shape shape(std::size_t(rank_ + 2), 1);
    shape[data_format_ == "channels_last" ? rank_ + 1 : 1] = bias_->shape()[0];
    y = ops::add(y, ops::reshape(bias_->value(), shape));
  }
  return activation_(y);
}

Json ConvLayerBase::base_config() const {
  Json config = Layer::get_config();
  config.erase("activity_regularizer");
  return config;
}

void ConvLayerBase::put_activity_regularizer(Json& config) const {
  config["activity_regularizer"] =
      saving::serialize_keras_object(activity_regularizer_);
}

void ConvLayerBase::put_activation(Json& config) const {
  config["activation"] = activation_.serialize();
  config["use_bias"] = use_bias_;
}

ConvArgs ConvLayerBase::read_args(const saving::ConfigReader& r) {
  ConvArgs a;
  a.base = layer_options_from_config(r);
  a.activity_regularizer = a.base.activity_regularizer;
  a.kernel_size = read_tuple(r, "kernel_size", {});
  a.strides = read_tuple(r, "strides", {1});
  a.padding = r.get<std::string>("padding", "valid");
  a.data_format = r.get<std::string>("data_format", "channels_last");
  a.dilation_rate = read_tuple(r, "dilation_rate", {1});
  a.activation = activations::deserialize(r.raw("activation"), nullptr);
  a.use_bias = r.get("use_bias", true);
  return a;
}

void check_positive(const char* name, std::int64_t value) {
  if (value <= 0) {
    throw ValueError(str("Invalid value for argument `", name,
                         "`. Expected a strictly positive value. Received ",
                         name, "=", value, "."));
  }
}

}  // namespace keras::layers
