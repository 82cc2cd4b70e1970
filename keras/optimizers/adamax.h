// File: keras/optimizers/adamax.h
// -----------------------------------------------------------------------------
// Adamax (Python: keras.optimizers.Adamax, keras/src/optimizers/adamax.py;
// update math of keras/src/backend/torch/optimizers/torch_adamax.py), with
// t = iterations + 1:
//
//   m = beta_1 * m + (1 - beta_1) * g
//   u = max(beta_2 * u, |g|)
//   w -= m * lr / ((u + epsilon) * (1 - beta_1^t))
//
// Slots: interleaved "momentum", "norm" per variable.
//
//   auto opt = std::make_shared<keras::optimizers::Adamax>(
//       keras::optimizers::AdamaxOptions{.learning_rate = 0.002});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' Adamax arguments, in Keras' order, with Keras' defaults.
struct AdamaxOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class Adamax : public Optimizer {
 public:
  explicit Adamax(const AdamaxOptions& options = {});

  std::string class_name() const override { return "Adamax"; }
  Json get_config() const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  double beta_1_;
  double beta_2_;
  double epsilon_;
  Variables momentums_;
  Variables norms_;
};

}  // namespace keras::optimizers
