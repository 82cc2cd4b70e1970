// File: keras/optimizers/lamb.h
// -----------------------------------------------------------------------------
// Lamb (Python: keras.optimizers.Lamb, keras/src/optimizers/lamb.py, computed
// with backend ops in the variable's dtype), with t = iterations + 1:
//
//   m += (g - m) * (1 - beta_1);  v += (g^2 - v) * (1 - beta_2)
//   update = (m / (1 - beta_1^t)) / (sqrt(v / (1 - beta_2^t)) + epsilon)
//   ratio = ||w|| / ||update|| (1 when either norm is 0)
//   w -= ratio * lr * update
//
// Slots: interleaved "momentum", "velocity" per variable.
//
//   auto opt = std::make_shared<keras::optimizers::Lamb>(
//       keras::optimizers::LambOptions{.learning_rate = 1e-3});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' Lamb arguments, in Keras' order, with Keras' defaults.
struct LambOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class Lamb : public Optimizer {
 public:
  explicit Lamb(const LambOptions& options = {});

  std::string class_name() const override { return "Lamb"; }
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
  Variables velocities_;
};

}  // namespace keras::optimizers
