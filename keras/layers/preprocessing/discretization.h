// File: keras/layers/preprocessing/discretization.h
// -----------------------------------------------------------------------------
// Discretization (Python: keras/src/layers/preprocessing/discretization.py):
// buckets values by `bin_boundaries` (NumPy digitize: bucket i holds
// boundaries[i-1] <= x < boundaries[i]) and encodes the bucket ids as "int"
// (int64), "one_hot", "multi_hot" or "count". Its config is Keras' own
// short form (no `trainable`, dtype as a plain string).
//
//   auto ids = keras::layers::Discretization({.bin_boundaries =
//   {0.0, 1.0}})(x);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct DiscretizationOptions {
  std::optional<std::vector<double>> bin_boundaries = std::nullopt;
  std::optional<std::int64_t> num_bins = std::nullopt;  // for adapt()
  double epsilon = 0.01;
  std::string output_mode = "int";
  bool sparse = false;
  LayerOptions base = {};
};

class DiscretizationLayer : public Layer {
 public:
  explicit DiscretizationLayer(DiscretizationOptions options = {});

  std::string class_name() const override { return "Discretization"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<DiscretizationLayer> from_config(const Json& config);

  const std::optional<std::vector<double>>& bin_boundaries() const {
    return o_.bin_boundaries;
  }

 private:
  DiscretizationOptions o_;
};

class Discretization : public Ref<DiscretizationLayer> {
 public:
  explicit Discretization(DiscretizationOptions options = {})
      : Ref(std::make_shared<DiscretizationLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
