// File: keras/layers/regularization/dropout.h
// -----------------------------------------------------------------------------
// Dropout (Python: keras/src/layers/regularization/dropout.py): during
// training, zeroes a fraction `rate` of the inputs and scales the rest by
// 1 / (1 - rate); the identity at inference. It has no weights (an empty
// vars group in weights files).
// -----------------------------------------------------------------------------
#pragma once

#include <optional>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct DropoutOptions {
  std::optional<Shape> noise_shape = std::nullopt;
  std::optional<std::int64_t> seed = std::nullopt;
  LayerOptions base = {};
};

class DropoutLayer : public Layer {
 public:
  explicit DropoutLayer(double rate, DropoutOptions options = {});

  std::string class_name() const override { return "Dropout"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<DropoutLayer> from_config(const Json& config);

  double rate() const { return rate_; }

 private:
  double rate_;
  DropoutOptions options_;
};

class Dropout : public Ref<DropoutLayer> {
 public:
  explicit Dropout(double rate, DropoutOptions options = {})
      : Ref(std::make_shared<DropoutLayer>(rate, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
