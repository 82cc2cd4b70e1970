// File: keras/layers/regularization/alpha_dropout.h
// -----------------------------------------------------------------------------
// AlphaDropout (Python: keras/src/layers/regularization/alpha_dropout.py):
// dropout for SELU networks. While training, dropped inputs are set to
// SELU's negative saturation value and the result is affinely rescaled so
// that the mean and variance are kept; the identity at inference.
//
//   auto y = keras::layers::AlphaDropout(0.1)(x, {.training = true});
// -----------------------------------------------------------------------------
#pragma once

#include <optional>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"
#include "keras/layers/regularization/seed_stream.h"

namespace keras::layers {

struct AlphaDropoutOptions {
  // One keep/drop draw per element of this shape (-1 = the input's dim).
  std::optional<Shape> noise_shape = std::nullopt;
  std::optional<std::int64_t> seed = std::nullopt;
  LayerOptions base = {};
};

class AlphaDropoutLayer : public Layer {
 public:
  explicit AlphaDropoutLayer(double rate, AlphaDropoutOptions options = {});

  std::string class_name() const override { return "AlphaDropout"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<AlphaDropoutLayer> from_config(const Json& config);

 private:
  double rate_;
  AlphaDropoutOptions options_;
  SeedStream seeds_;
};

class AlphaDropout : public Ref<AlphaDropoutLayer> {
 public:
  explicit AlphaDropout(double rate, AlphaDropoutOptions options = {})
      : Ref(std::make_shared<AlphaDropoutLayer>(rate, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
