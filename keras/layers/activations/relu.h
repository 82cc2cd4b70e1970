// File: keras/layers/activations/relu.h
// -----------------------------------------------------------------------------
// ReLU layer (Python: keras/src/layers/activations/relu.py): rectified linear
// unit with Keras' options,
//   f(x) = max_value            if x >= max_value
//          x                    if threshold < x < max_value
//          negative_slope * (x - threshold)   otherwise.
//
//   auto y = keras::layers::ReLU({.max_value = 6.0})(x);
// -----------------------------------------------------------------------------
#pragma once

#include <optional>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct ReLUOptions {
  std::optional<double> max_value = std::nullopt;  // none: no cap
  double negative_slope = 0.0;
  double threshold = 0.0;
  LayerOptions base = {};
};

class ReLULayer : public Layer {
 public:
  explicit ReLULayer(ReLUOptions options = {});

  std::string class_name() const override { return "ReLU"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<ReLULayer> from_config(const Json& config);

  const ReLUOptions& options() const { return options_; }

 private:
  ReLUOptions options_;
};

class ReLU : public Ref<ReLULayer> {
 public:
  explicit ReLU(ReLUOptions options = {})
      : Ref(std::make_shared<ReLULayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
