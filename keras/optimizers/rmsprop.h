// File: keras/optimizers/rmsprop.h
// -----------------------------------------------------------------------------
// RMSprop (Python: keras.optimizers.RMSprop, keras/src/optimizers/rmsprop.py;
// update math of keras/src/backend/torch/optimizers/torch_rmsprop.py):
//
//   v = rho * v + (1 - rho) * g^2
//   a = rho * a + (1 - rho) * g                  (centered only)
//   denominator = sqrt(v + epsilon [- a^2 when centered])
//   increment = g * lr / denominator
//   m = momentum * m + increment; w -= m         (momentum > 0)
//   w -= increment                               (momentum == 0)
//
// Slots, as three separate blocks: "velocity" per variable; then
// "momentum" per variable if momentum > 0; then "average_gradient" per
// variable if centered.
//
//   auto rms = std::make_shared<keras::optimizers::RMSprop>(
//       keras::optimizers::RMSpropOptions{.learning_rate = 0.01,
//                                         .centered = true});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' RMSprop arguments, in Keras' order, with Keras' defaults.
struct RMSpropOptions {
  LearningRate learning_rate = 0.001;
  double rho = 0.9;
  double momentum = 0.0;
  double epsilon = 1e-7;
  bool centered = false;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class RMSprop : public Optimizer {
 public:
  explicit RMSprop(const RMSpropOptions& options = {});

  std::string class_name() const override { return "RMSprop"; }
  double rho() const { return rho_; }
  double momentum() const { return momentum_; }
  double epsilon() const { return epsilon_; }
  bool centered() const { return centered_; }
  Json get_config() const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  double rho_;
  double momentum_;
  double epsilon_;
  bool centered_;
  Variables velocities_;
  Variables momentums_;
  Variables average_gradients_;
};

}  // namespace keras::optimizers
