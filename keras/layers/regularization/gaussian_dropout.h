// File: keras/layers/regularization/gaussian_dropout.h
// -----------------------------------------------------------------------------
// GaussianDropout (Python: keras/src/layers/regularization/
// gaussian_dropout.py): while training, multiplies by normal noise of mean 1
// and standard deviation sqrt(rate / (1 - rate)); the identity at
// inference. No weights.
//
//   auto y = keras::layers::GaussianDropout(0.3)(x, {.training = true});
// -----------------------------------------------------------------------------
#pragma once

#include <optional>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"
#include "keras/layers/regularization/seed_stream.h"

namespace keras::layers {

struct GaussianDropoutOptions {
  std::optional<std::int64_t> seed = std::nullopt;
  LayerOptions base = {};
};

class GaussianDropoutLayer : public Layer {
 public:
  explicit GaussianDropoutLayer(double rate,
                                GaussianDropoutOptions options = {});

  std::string class_name() const override { return "GaussianDropout"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<GaussianDropoutLayer> from_config(const Json& config);

 private:
  double rate_;
  GaussianDropoutOptions options_;
  SeedStream seeds_;
};

class GaussianDropout : public Ref<GaussianDropoutLayer> {
 public:
  explicit GaussianDropout(double rate, GaussianDropoutOptions options = {})
      : Ref(std::make_shared<GaussianDropoutLayer>(rate, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
