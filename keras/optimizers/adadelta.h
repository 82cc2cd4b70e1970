// File: keras/optimizers/adadelta.h
// -----------------------------------------------------------------------------
// Adadelta (Python: keras.optimizers.Adadelta,
// keras/src/optimizers/adadelta.py; update math of
// keras/src/backend/torch/optimizers/torch_adadelta.py):
//
//   a_g = rho * a_g + (1 - rho) * g^2
//   delta = -sqrt(a_d + epsilon) * g / sqrt(a_g + epsilon)
//   a_d = rho * a_d + (1 - rho) * delta^2
//   w += lr * delta
//
// Slots: interleaved "accumulated_grad", "accumulated_delta_var" per
// variable.
//
//   auto opt = std::make_shared<keras::optimizers::Adadelta>(
//       keras::optimizers::AdadeltaOptions{.learning_rate = 1.0});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' Adadelta arguments, in Keras' order, with Keras' defaults.
struct AdadeltaOptions {
  LearningRate learning_rate = 0.001;
  double rho = 0.95;
  double epsilon = 1e-7;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class Adadelta : public Optimizer {
 public:
  explicit Adadelta(const AdadeltaOptions& options = {});

  std::string class_name() const override { return "Adadelta"; }
  Json get_config() const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  double rho_;
  double epsilon_;
  Variables accumulated_grads_;
  Variables accumulated_delta_vars_;
};

}  // namespace keras::optimizers
