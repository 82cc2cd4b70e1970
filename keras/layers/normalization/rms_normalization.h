// File: keras/layers/normalization/rms_normalization.h
// -----------------------------------------------------------------------------
// RMSNormalization (Python: keras/src/layers/normalization/
// rms_normalization.py): y = x * rsqrt(mean(x^2 over axis) + epsilon) *
// scale. One weight (vars/0): scale, shaped like the normalized dims.
//
//   auto y = keras::layers::RMSNormalization({.epsilon = 1e-5})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"
#include "keras/layers/normalization/weight_config.h"

namespace keras::layers {

struct RMSNormalizationOptions {
  Axis axis = -1;
  double epsilon = 1e-6;
  LayerOptions base = {};
};

class RMSNormalizationLayer : public Layer {
 public:
  explicit RMSNormalizationLayer(RMSNormalizationOptions options = {});

  std::string class_name() const override { return "RMSNormalization"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<RMSNormalizationLayer> from_config(const Json& config);

  const VariablePtr& scale() const { return scale_; }

 private:
  RMSNormalizationOptions options_;
  VariablePtr scale_;
};

class RMSNormalization : public Ref<RMSNormalizationLayer> {
 public:
  explicit RMSNormalization(RMSNormalizationOptions options = {})
      : Ref(std::make_shared<RMSNormalizationLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
