// File: keras/layers/core/dense.h
// -----------------------------------------------------------------------------
// Dense (Python: keras/src/layers/core/dense.py):
// outputs = activation(inputs @ kernel + bias). The kernel is (input_dim,
// units); weights are saved as vars/0 = kernel, vars/1 = bias.
//
//   auto y = keras::layers::Dense(64, {.activation = "relu"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/activations/activations.h"
#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

// Field order is Python's __init__ order (after `units`).
struct DenseOptions {
  activations::Activation activation = {};
  bool use_bias = true;
  initializers::Initializer kernel_initializer = "glorot_uniform";
  initializers::Initializer bias_initializer = "zeros";
  regularizers::RegularizerPtr kernel_regularizer = nullptr;
  regularizers::RegularizerPtr bias_regularizer = nullptr;
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  constraints::ConstraintPtr kernel_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  LayerOptions base = {};  // name, trainable, dtype
};

class DenseLayer : public Layer {
 public:
  DenseLayer(std::int64_t units, DenseOptions options = {});

  std::string class_name() const override { return "Dense"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<DenseLayer> from_config(const Json& config);

  std::int64_t units() const { return units_; }
  const DenseOptions& options() const { return options_; }
  const VariablePtr& kernel() const { return kernel_; }
  const VariablePtr& bias() const { return bias_; }

 private:
  std::int64_t units_;
  DenseOptions options_;
  VariablePtr kernel_, bias_;
};

class Dense : public Ref<DenseLayer> {
 public:
  explicit Dense(std::int64_t units, DenseOptions options = {})
      : Ref(std::make_shared<DenseLayer>(units, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
