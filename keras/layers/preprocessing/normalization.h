// File: keras/layers/preprocessing/normalization.h
// -----------------------------------------------------------------------------
// Normalization (Python: keras/src/layers/preprocessing/normalization.py):
// (x - mean) / max(sqrt(variance), epsilon) per position of the kept `axis`
// (or the inverse with `invert`). Statistics come either from the config
// (`mean`/`variance`: numbers or lists, no weights) or from `adapt()`, in
// which case they are the non-trainable weights mean, variance and count.
//
//   keras::layers::Normalization norm;           // axis = {-1}
//   norm->adapt(training_data);
//   auto y = norm(x);
//   auto z = keras::layers::Normalization({.mean = 3.0, .variance = 2.0})(x);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct NormalizationOptions {
  std::vector<std::int64_t> axis = {-1};  // {} = one statistic overall
  Json mean = nullptr;                    // number or nested list
  Json variance = nullptr;
  bool invert = false;
  LayerOptions base = {};
};

class NormalizationLayer : public Layer {
 public:
  explicit NormalizationLayer(NormalizationOptions options = {});

  std::string class_name() const override { return "Normalization"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<NormalizationLayer> from_config(const Json& config);

  // Sets mean and variance from `data` (reduced over the axes not kept).
  void adapt(const Tensor& data);

 private:
  // Mean and variance shaped to broadcast against the inputs.
  std::pair<Tensor, Tensor> statistics() const;

  NormalizationOptions o_;
  std::vector<std::int64_t> keep_axes_, reduce_axes_;
  Shape broadcast_shape_;
  VariablePtr mean_, variance_, count_;  // adapt case only
};

class Normalization : public Ref<NormalizationLayer> {
 public:
  explicit Normalization(NormalizationOptions options = {})
      : Ref(std::make_shared<NormalizationLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
