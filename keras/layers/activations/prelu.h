// File: keras/layers/activations/prelu.h
// -----------------------------------------------------------------------------
// PReLU layer (Python: keras/src/layers/activations/prelu.py): parametric
// ReLU, f(x) = max(x, 0) - alpha * max(-x, 0) with a learned `alpha` of shape
// input_shape[1:], where the `shared_axes` (1-based, batch excluded) have
// size 1 so one slope is shared along them. Weights: vars/0 = alpha.
//
//   auto y = keras::layers::PReLU({.shared_axes = {{1, 2}}})(images);
// -----------------------------------------------------------------------------
#pragma once

#include <optional>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct PReLUOptions {
  initializers::Initializer alpha_initializer = "Zeros";
  regularizers::RegularizerPtr alpha_regularizer = nullptr;
  constraints::ConstraintPtr alpha_constraint = nullptr;
  std::optional<std::vector<std::int64_t>> shared_axes = std::nullopt;
  LayerOptions base = {};
};

class PReLULayer : public Layer {
 public:
  explicit PReLULayer(PReLUOptions options = {});

  std::string class_name() const override { return "PReLU"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<PReLULayer> from_config(const Json& config);

  const VariablePtr& alpha() const { return alpha_; }

 private:
  PReLUOptions options_;
  VariablePtr alpha_;
};

class PReLU : public Ref<PReLULayer> {
 public:
  explicit PReLU(PReLUOptions options = {})
      : Ref(std::make_shared<PReLULayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
