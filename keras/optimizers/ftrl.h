// File: keras/optimizers/ftrl.h
// -----------------------------------------------------------------------------
// FTRL-proximal (Python: keras.optimizers.Ftrl, keras/src/optimizers/ftrl.py,
// computed with backend ops in the variable's dtype), with p =
// learning_rate_power, l2 = l2_regularization_strength + beta / (2 lr):
//
//   g_s = g + 2 * l2_shrinkage_regularization_strength * w
//   n' = n + g^2
//   z += g_s - (n'^-p - n^-p) / lr * w
//   w = (clip(z, -l1, l1) - z) / (n'^-p / lr + 2 * l2)
//   n = n'
//
// Slots: interleaved "accumulator" (starting at initial_accumulator_value)
// and "linear" per variable.
//
//   auto opt = std::make_shared<keras::optimizers::Ftrl>(
//       keras::optimizers::FtrlOptions{.l1_regularization_strength = 1e-3});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' Ftrl arguments, in Keras' order, with Keras' defaults.
struct FtrlOptions {
  LearningRate learning_rate = 0.001;
  double learning_rate_power = -0.5;
  double initial_accumulator_value = 0.1;
  double l1_regularization_strength = 0.0;
  double l2_regularization_strength = 0.0;
  double l2_shrinkage_regularization_strength = 0.0;
  double beta = 0.0;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class Ftrl : public Optimizer {
 public:
  // ValueError for a negative accumulator value or strength, or a positive
  // learning_rate_power.
  explicit Ftrl(const FtrlOptions& options = {});

  std::string class_name() const override { return "Ftrl"; }
  Json get_config() const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  FtrlOptions o_;
  Variables accumulators_;
  Variables linears_;
};

}  // namespace keras::optimizers
