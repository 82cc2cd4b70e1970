// File: keras/layers/activations/leaky_relu.h
// -----------------------------------------------------------------------------
// LeakyReLU layer (Python: keras/src/layers/activations/leaky_relu.py):
// f(x) = x for x > 0, negative_slope * x otherwise. Note the layer's default
// slope (0.3) differs from the "leaky_relu" activation's (0.2), as in Keras.
//
//   auto y = keras::layers::LeakyReLU({.negative_slope = 0.1})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct LeakyReLUOptions {
  double negative_slope = 0.3;
  LayerOptions base = {};
};

class LeakyReLULayer : public Layer {
 public:
  explicit LeakyReLULayer(LeakyReLUOptions options = {});

  std::string class_name() const override { return "LeakyReLU"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<LeakyReLULayer> from_config(const Json& config);

  double negative_slope() const { return options_.negative_slope; }

 private:
  LeakyReLUOptions options_;
};

class LeakyReLU : public Ref<LeakyReLULayer> {
 public:
  explicit LeakyReLU(LeakyReLUOptions options = {})
      : Ref(std::make_shared<LeakyReLULayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
