// File: keras/layers/convolutional/base_conv_transpose.h
// -----------------------------------------------------------------------------
// The shared base of Conv1DTranspose/2DTranspose/3DTranspose (Python:
// keras/src/layers/convolutional/base_conv_transpose.py): the gradient of a
// convolution with respect to its input, used as an upsampling layer.
// Kernel (*kernel_size, filters, in_channels), bias (filters,); weights are
// saved as vars/0 = kernel, vars/1 = bias.
// -----------------------------------------------------------------------------
#pragma once

#include <memory>

#include "keras/layers/convolutional/conv_layer_base.h"

namespace keras::layers {

// Arguments after `filters` and `kernel_size`, in Python's __init__ order.
// Empty output_padding is Python's None.
struct ConvTransposeOptions {
  ConvSizes strides = {1};
  std::string padding = "valid";
  ConvSizes output_padding = {};
  std::string data_format = "channels_last";
  ConvSizes dilation_rate = {1};
  activations::Activation activation = {};
  bool use_bias = true;
  initializers::Initializer kernel_initializer = "glorot_uniform";
  initializers::Initializer bias_initializer = "zeros";
  regularizers::RegularizerPtr kernel_regularizer = nullptr;
  regularizers::RegularizerPtr bias_regularizer = nullptr;
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  constraints::ConstraintPtr kernel_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  LayerOptions base = {};
};

class BaseConvTransposeLayer : public ConvLayerBase {
 public:
  BaseConvTransposeLayer(int rank, std::int64_t filters, ConvSizes kernel_size,
                         ConvTransposeOptions options,
                         const std::string& base_name);

  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  std::int64_t filters() const { return filters_; }
  const ConvSizes& output_padding() const { return output_padding_; }
  const VariablePtr& kernel() const { return kernel_; }

 protected:
  template <class L>
  static std::shared_ptr<L> from_config_as(const Json& config,
                                           const std::string& class_name) {
    std::int64_t filters = 0;
    ConvSizes kernel_size;
    ConvTransposeOptions o =
        read_config(config, class_name, filters, kernel_size);
    return std::make_shared<L>(filters, kernel_size, std::move(o));
  }

 private:
  static ConvTransposeOptions read_config(const Json& config,
                                          const std::string& class_name,
                                          std::int64_t& filters,
                                          ConvSizes& kernel_size);

  std::int64_t filters_;
  ConvTransposeOptions options_;
  ConvSizes output_padding_;  // standardized; empty = None
  VariablePtr kernel_;
};

}  // namespace keras::layers
