// File: keras/layers/convolutional/conv_layer_base.h
// -----------------------------------------------------------------------------
// What every convolution layer shares (Python: the common parts of
// BaseConv, BaseConvTranspose, BaseSeparableConv and BaseDepthwiseConv in
// keras/src/layers/convolutional/): the standardized kernel_size / strides /
// padding / data_format / dilation_rate, the activation and bias, Keras'
// InputSpec check of the input rank and channels, and config helpers.
// Subclasses create their weights in build() and call a keras::ops conv.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "keras/activations/activations.h"
#include "keras/layers/layer.h"
#include "keras/layers/normalization/weight_config.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

using ConvSizes = std::vector<std::int64_t>;

// The arguments every convolution layer has, as passed by the user.
struct ConvArgs {
  ConvSizes kernel_size;
  ConvSizes strides = {1};
  std::string padding = "valid";
  std::string data_format = "channels_last";
  ConvSizes dilation_rate = {1};
  activations::Activation activation = {};
  bool use_bias = true;
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  LayerOptions base = {};
};

// The common arguments of a layer's options struct O (ConvOptions,
// ConvTransposeOptions, ...), for ConvLayerBase's constructor.
template <class O>
ConvArgs conv_args_of(ConvSizes kernel_size, const O& o) {
  return {.kernel_size = std::move(kernel_size),
          .strides = o.strides,
          .padding = o.padding,
          .data_format = o.data_format,
          .dilation_rate = o.dilation_rate,
          .activation = o.activation,
          .use_bias = o.use_bias,
          .activity_regularizer = o.activity_regularizer,
          .base = o.base};
}

// The reverse: common arguments read from a config into an options struct.
template <class O>
void set_conv_args(const ConvArgs& a, O& o) {
  o.strides = a.strides;
  o.padding = a.padding;
  o.data_format = a.data_format;
  o.dilation_rate = a.dilation_rate;
  o.activation = a.activation;
  o.use_bias = a.use_bias;
  o.activity_regularizer = a.activity_regularizer;
  o.base = a.base;
}

class ConvLayerBase : public Layer {
 public:
  int rank() const { return rank_; }
  const ConvSizes& kernel_size() const { return kernel_size_; }
  const ConvSizes& strides() const { return strides_; }
  const ConvSizes& dilation_rate() const { return dilation_rate_; }
  const std::string& padding() const { return padding_; }
  const std::string& data_format() const { return data_format_; }
  const VariablePtr& bias() const { return bias_; }

 protected:
  ConvLayerBase(int rank, ConvArgs args, const std::string& base_name,
                bool allow_causal);

  // Keras' check that strides and dilation are not both > 1.
  void check_strides_and_dilation() const;
  // The channel count of a build input shape (known, else ValueError);
  // records it for the InputSpec check of later calls.
  std::int64_t build_channels(const Shape& shape);
  // InputSpec(min_ndim=rank + 2, axes={channel_axis: channels}).
  void check_input(const Tensor& x) const;
  // Creates the bias weight (when use_bias) of `units` values.
  void add_bias(std::int64_t units, const initializers::Initializer& init,
                const regularizers::RegularizerPtr& regularizer,
                const constraints::ConstraintPtr& constraint);
  // y + bias (broadcast along the channel axis), then the activation.
  Tensor finish(Tensor y) const;
  // The activation alone (for a call that added the bias itself).
  Tensor activate(const Tensor& y) const { return activation_(y); }

  // Layer::get_config (name, trainable, dtype) without the activity
  // regularizer, which Keras writes later (see put_activity_regularizer).
  Json base_config() const;
  void put_activity_regularizer(Json& config) const;
  void put_activation(Json& config) const;

  // Reads the common arguments of a Keras config.
  static ConvArgs read_args(const saving::ConfigReader& r);

 private:
  int rank_;
  ConvSizes kernel_size_, strides_, dilation_rate_;
  std::string padding_, data_format_;
  activations::Activation activation_;
  bool use_bias_;
  regularizers::RegularizerPtr activity_regularizer_;
  std::int64_t channels_ = -1;
  VariablePtr bias_;
};

// "Invalid value for argument `name`. Expected a strictly positive value.
// Received name=value." unless value > 0.
void check_positive(const char* name, std::int64_t value);

}  // namespace keras::layers
