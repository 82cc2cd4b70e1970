// File: keras/layers/convolutional/base_conv.h
// -----------------------------------------------------------------------------
// The shared base of Conv1D/2D/3D (Python: keras/src/layers/convolutional/
// base_conv.py): outputs = activation(conv(inputs, kernel) + bias), with
// kernel (*kernel_size, in_channels / groups, filters) and bias (filters,);
// weights are saved as vars/0 = kernel, vars/1 = bias.
// -----------------------------------------------------------------------------
#pragma once

#include <memory>

#include "keras/layers/convolutional/conv_layer_base.h"

namespace keras::layers {

// Arguments after `filters` and `kernel_size`, in Python's __init__ order.
// One-element strides / dilation_rate stand for Python's int.
struct ConvOptions {
  ConvSizes strides = {1};
  std::string padding = "valid";  // "valid", "same" ("causal": Conv1D)
  std::string data_format = "channels_last";
  ConvSizes dilation_rate = {1};
  std::int64_t groups = 1;
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

class BaseConvLayer : public ConvLayerBase {
 public:
  BaseConvLayer(int rank, std::int64_t filters, ConvSizes kernel_size,
                ConvOptions options, const std::string& base_name);

  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  std::int64_t filters() const { return filters_; }
  const ConvOptions& options() const { return options_; }
  const VariablePtr& kernel() const { return kernel_; }

 protected:
  // Builds a Conv<rank>D layer `L` from a Keras config.
  template <class L>
  static std::shared_ptr<L> from_config_as(const Json& config,
                                           const std::string& class_name) {
    std::int64_t filters = 0;
    ConvSizes kernel_size;
    ConvOptions o = read_config(config, class_name, filters, kernel_size);
    return std::make_shared<L>(filters, kernel_size, std::move(o));
  }

 private:
  static ConvOptions read_config(const Json& config,
                                 const std::string& class_name,
                                 std::int64_t& filters, ConvSizes& kernel_size);

  std::int64_t filters_;
  ConvOptions options_;
  VariablePtr kernel_;
};

}  // namespace keras::layers
