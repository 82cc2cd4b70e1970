// File: keras/layers/activations/activation.h
// -----------------------------------------------------------------------------
// Activation layer (Python: keras/src/layers/activations/activation.py):
// applies an activation function, e.g. layers::Activation("relu")(x).
// -----------------------------------------------------------------------------
#pragma once

#include "keras/activations/activations.h"
#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

class ActivationLayer : public Layer {
 public:
  explicit ActivationLayer(activations::Activation activation,
                           LayerOptions base = {});

  std::string class_name() const override { return "Activation"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<ActivationLayer> from_config(const Json& config);

 private:
  activations::Activation activation_;
};

class Activation : public Ref<ActivationLayer> {
 public:
  explicit Activation(activations::Activation activation,
                      LayerOptions base = {})
      : Ref(std::make_shared<ActivationLayer>(std::move(activation),
                                              std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
