// File: keras/layers/convolutional/base_separable_conv.h
// -----------------------------------------------------------------------------
// The shared base of SeparableConv1D/2D (Python: keras/src/layers/
// convolutional/base_separable_conv.py): a depthwise convolution (each input
// channel convolved with `depth_multiplier` kernels of its own) followed by
// a 1x1 convolution mixing the channels into `filters` outputs. Weights:
// vars/0 = depthwise_kernel (*kernel_size, in, depth_multiplier), vars/1 =
// pointwise_kernel (1, .., 1, in * depth_multiplier, filters), vars/2 = bias.
// -----------------------------------------------------------------------------
#pragma once

#include <memory>

#include "keras/layers/convolutional/conv_layer_base.h"

namespace keras::layers {

// Arguments after `filters` and `kernel_size`, in Python's __init__ order.
struct SeparableConvOptions {
  ConvSizes strides = {1};
  std::string padding = "valid";
  std::string data_format = "channels_last";
  ConvSizes dilation_rate = {1};
  std::int64_t depth_multiplier = 1;
  activations::Activation activation = {};
  bool use_bias = true;
  initializers::Initializer depthwise_initializer = "glorot_uniform";
  initializers::Initializer pointwise_initializer = "glorot_uniform";
  initializers::Initializer bias_initializer = "zeros";
  regularizers::RegularizerPtr depthwise_regularizer = nullptr;
  regularizers::RegularizerPtr pointwise_regularizer = nullptr;
  regularizers::RegularizerPtr bias_regularizer = nullptr;
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  constraints::ConstraintPtr depthwise_constraint = nullptr;
  constraints::ConstraintPtr pointwise_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  LayerOptions base = {};
};

class BaseSeparableConvLayer : public ConvLayerBase {
 public:
  BaseSeparableConvLayer(int rank, std::int64_t filters, ConvSizes kernel_size,
                         SeparableConvOptions options,
                         const std::string& base_name);

  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  std::int64_t filters() const { return filters_; }
  const VariablePtr& depthwise_kernel() const { return depthwise_kernel_; }
  const VariablePtr& pointwise_kernel() const { return pointwise_kernel_; }

 protected:
  template <class L>
  static std::shared_ptr<L> from_config_as(const Json& config,
                                           const std::string& class_name) {
    std::int64_t filters = 0;
    ConvSizes kernel_size;
    SeparableConvOptions o =
        read_config(config, class_name, filters, kernel_size);
    return std::make_shared<L>(filters, kernel_size, std::move(o));
  }

 private:
  static SeparableConvOptions read_config(const Json& config,
                                          const std::string& class_name,
                                          std::int64_t& filters,
                                          ConvSizes& kernel_size);

  std::int64_t filters_;
  SeparableConvOptions options_;
  VariablePtr depthwise_kernel_, pointwise_kernel_;
};

}  // namespace keras::layers
