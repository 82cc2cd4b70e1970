// File: keras/layers/regularization/gaussian_noise.h
// -----------------------------------------------------------------------------
// GaussianNoise (Python: keras/src/layers/regularization/gaussian_noise.py):
// while training, adds zero-mean normal noise of standard deviation
// `stddev` (in [0, 1]); the identity at inference. No weights.
//
//   auto y = keras::layers::GaussianNoise(0.1)(x, {.training = true});
// -----------------------------------------------------------------------------
#pragma once

#include <optional>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"
#include "keras/layers/regularization/seed_stream.h"

namespace keras::layers {

struct GaussianNoiseOptions {
  std::optional<std::int64_t> seed = std::nullopt;
  LayerOptions base = {};
};

class GaussianNoiseLayer : public Layer {
 public:
  explicit GaussianNoiseLayer(double stddev, GaussianNoiseOptions options = {});

  std::string class_name() const override { return "GaussianNoise"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<GaussianNoiseLayer> from_config(const Json& config);

 private:
  double stddev_;
  GaussianNoiseOptions options_;
  SeedStream seeds_;
};

class GaussianNoise : public Ref<GaussianNoiseLayer> {
 public:
  explicit GaussianNoise(double stddev, GaussianNoiseOptions options = {})
      : Ref(std::make_shared<GaussianNoiseLayer>(stddev, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
