// File: keras/layers/normalization/batch_normalization.h
// -----------------------------------------------------------------------------
// BatchNormalization (Python: keras/src/layers/normalization/
// batch_normalization.py): normalizes along `axis` with the batch statistics
// while training (and moves moving_mean / moving_variance towards them by
// `momentum`), with the moving statistics at inference:
//   y = (x - mean) / sqrt(variance + epsilon) * gamma + beta.
// Weights (vars/<i>): gamma (scale=True), beta (center=True), moving_mean,
// moving_variance, then moving_stddev, renorm_mean, renorm_stddev with
// renorm=True. A layer with trainable=False always uses the moving
// statistics, as in Keras.
//
//   auto y = keras::layers::BatchNormalization({.momentum = 0.9})(x);
// -----------------------------------------------------------------------------
#pragma once

#include <array>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct BatchNormalizationOptions {
  std::int64_t axis = -1;
  double momentum = 0.99;
  double epsilon = 1e-3;
  bool center = true;
  bool scale = true;
  initializers::Initializer beta_initializer = "zeros";
  initializers::Initializer gamma_initializer = "ones";
  initializers::Initializer moving_mean_initializer = "zeros";
  initializers::Initializer moving_variance_initializer = "ones";
  regularizers::RegularizerPtr beta_regularizer = nullptr;
  regularizers::RegularizerPtr gamma_regularizer = nullptr;
  constraints::ConstraintPtr beta_constraint = nullptr;
  constraints::ConstraintPtr gamma_constraint = nullptr;
  bool renorm = false;
  // {"rmax": r, "rmin": r, "dmax": d} (any subset), or null.
  Json renorm_clipping = nullptr;
  double renorm_momentum = 0.99;
  bool synchronized = false;  // TensorFlow only: must stay false
  LayerOptions base = {};
};

class BatchNormalizationLayer : public Layer {
 public:
  explicit BatchNormalizationLayer(BatchNormalizationOptions options = {});

  std::string class_name() const override { return "BatchNormalization"; }
  // Keras' call() takes `mask=`.
  bool call_takes_mask() const override { return true; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<BatchNormalizationLayer> from_config(
      const Json& config);

  const BatchNormalizationOptions& options() const { return options_; }
  const VariablePtr& gamma() const { return gamma_; }
  const VariablePtr& beta() const { return beta_; }
  const VariablePtr& moving_mean() const { return moving_mean_; }
  const VariablePtr& moving_variance() const { return moving_variance_; }

 private:
  // Batch statistics for training; updates the moving ones. Returns the
  // mean, variance, gamma and beta to normalize with.
  std::array<Tensor, 4> training_statistics(const Tensor& x, Tensor gamma,
                                            Tensor beta);
  std::array<Tensor, 4> renorm_statistics(const Tensor& mean,
                                          const Tensor& variance, Tensor gamma,
                                          Tensor beta);

  BatchNormalizationOptions options_;
  std::int64_t axis_ = -1;  // non-negative once built
  std::vector<std::int64_t> reduction_axes_;
  VariablePtr gamma_, beta_, moving_mean_, moving_variance_;
  VariablePtr moving_stddev_, renorm_mean_, renorm_stddev_;
};

class BatchNormalization : public Ref<BatchNormalizationLayer> {
 public:
  explicit BatchNormalization(BatchNormalizationOptions options = {})
      : Ref(std::make_shared<BatchNormalizationLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
