// File: keras/layers/normalization/layer_normalization.h
// -----------------------------------------------------------------------------
// LayerNormalization (Python: keras/src/layers/normalization/
// layer_normalization.py): normalizes each example over `axis` (an int or a
// list): y = (x - mean) / sqrt(var + epsilon) * gamma + beta. Weights
// (vars/<i>): gamma (scale or rms_scaling), beta (center, not rms_scaling),
// both shaped like the normalized dims. rms_scaling is Keras' deprecated
// flag (x * rsqrt(var + epsilon) * gamma); prefer RMSNormalization.
//
//   auto y = keras::layers::LayerNormalization({.axis = {1, 2}})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"
#include "keras/layers/normalization/weight_config.h"

namespace keras::layers {

struct LayerNormalizationOptions {
  Axis axis = -1;
  double epsilon = 1e-3;
  bool center = true;
  bool scale = true;
  initializers::Initializer beta_initializer = "zeros";
  initializers::Initializer gamma_initializer = "ones";
  regularizers::RegularizerPtr beta_regularizer = nullptr;
  regularizers::RegularizerPtr gamma_regularizer = nullptr;
  constraints::ConstraintPtr beta_constraint = nullptr;
  constraints::ConstraintPtr gamma_constraint = nullptr;
  bool rms_scaling = false;  // deprecated in Keras (a **kwargs argument)
  LayerOptions base = {};
};

class LayerNormalizationLayer : public Layer {
 public:
  explicit LayerNormalizationLayer(LayerNormalizationOptions options = {});

  std::string class_name() const override { return "LayerNormalization"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<LayerNormalizationLayer> from_config(
      const Json& config);

  const LayerNormalizationOptions& options() const { return options_; }
  const VariablePtr& gamma() const { return gamma_; }
  const VariablePtr& beta() const { return beta_; }

 private:
  LayerNormalizationOptions options_;
  VariablePtr gamma_, beta_;
};

class LayerNormalization : public Ref<LayerNormalizationLayer> {
 public:
  explicit LayerNormalization(LayerNormalizationOptions options = {})
      : Ref(std::make_shared<LayerNormalizationLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
