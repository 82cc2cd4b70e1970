// File: keras/layers/convolutional/base_depthwise_conv.h
// -----------------------------------------------------------------------------
// The shared base of DepthwiseConv1D/2D (Python: keras/src/layers/
// convolutional/base_depthwise_conv.py): each input channel is convolved
// with `depth_multiplier` kernels of its own; output channel
// c * depth_multiplier + m. Weights: vars/0 = depthwise_kernel
// (*kernel_size, in, depth_multiplier), vars/1 = bias (in * multiplier,).
// -----------------------------------------------------------------------------
#pragma once

#include <memory>

#include "keras/layers/convolutional/conv_layer_base.h"

namespace keras::layers {

// Arguments after `kernel_size`, in Python's __init__ order.
struct DepthwiseConvOptions {
  ConvSizes strides = {1};
  std::string padding = "valid";
  std::int64_t depth_multiplier = 1;
  std::string data_format = "channels_last";
  ConvSizes dilation_rate = {1};
  activations::Activation activation = {};
  bool use_bias = true;
  initializers::Initializer depthwise_initializer = "glorot_uniform";
  initializers::Initializer bias_initializer = "zeros";
  regularizers::RegularizerPtr depthwise_regularizer = nullptr;
  regularizers::RegularizerPtr bias_regularizer = nullptr;
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  constraints::ConstraintPtr depthwise_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  LayerOptions base = {};
};

class BaseDepthwiseConvLayer : public ConvLayerBase {
 public:
  BaseDepthwiseConvLayer(int rank, ConvSizes kernel_size,
                         DepthwiseConvOptions options,
                         const std::string& base_name);

  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  std::int64_t depth_multiplier() const { return options_.depth_multiplier; }
  const VariablePtr& depthwise_kernel() const { return kernel_; }

 protected:
  template <class L>
  static std::shared_ptr<L> from_config_as(const Json& config,
                                           const std::string& class_name) {
    ConvSizes kernel_size;
    DepthwiseConvOptions o = read_config(config, class_name, kernel_size);
    return std::make_shared<L>(kernel_size, std::move(o));
  }

 private:
  static DepthwiseConvOptions read_config(const Json& config,
                                          const std::string& class_name,
                                          ConvSizes& kernel_size);

  DepthwiseConvOptions options_;
  VariablePtr kernel_;
};

}  // namespace keras::layers
