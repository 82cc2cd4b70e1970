// File: keras/layers/activations/elu.h
// -----------------------------------------------------------------------------
// ELU layer (Python: keras/src/layers/activations/elu.py): exponential linear
// unit, f(x) = x for x > 0, alpha * (exp(x) - 1) otherwise.
//
//   auto y = keras::layers::ELU({.alpha = 0.7})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct ELUOptions {
  double alpha = 1.0;
  LayerOptions base = {};
};

class ELULayer : public Layer {
 public:
  explicit ELULayer(ELUOptions options = {});

  std::string class_name() const override { return "ELU"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<ELULayer> from_config(const Json& config);

  double alpha() const { return options_.alpha; }

 private:
  ELUOptions options_;
};

class ELU : public Ref<ELULayer> {
 public:
  explicit ELU(ELUOptions options = {})
      : Ref(std::make_shared<ELULayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
