// File: keras/optimizers/adam.h
// -----------------------------------------------------------------------------
// Adam (Python: keras.optimizers.Adam, keras/src/optimizers/adam.py; update
// math of keras/src/backend/torch/optimizers/torch_adam.py), computed in the
// variable's dtype with t = iterations + 1:
//
//   alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
//   m = beta_1 * m + (1 - beta_1) * g
//   v = beta_2 * v + (1 - beta_2) * g^2
//   v_hat = max(v_hat, v)                         (amsgrad only)
//   w -= m * alpha / (sqrt(v or v_hat) + epsilon)
//
// Slots: interleaved "momentum", "velocity" per variable, then (amsgrad) a
// separate block of "velocity_hat".
//
//   auto adam = std::make_shared<keras::optimizers::Adam>(
//       keras::optimizers::AdamOptions{.learning_rate = 1e-3});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' Adam arguments, in Keras' order, with Keras' defaults.
struct AdamOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  bool amsgrad = false;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class Adam : public Optimizer {
 public:
  explicit Adam(const AdamOptions& options = {});

  std::string class_name() const override { return "Adam"; }
  double beta_1() const { return beta_1_; }
  double beta_2() const { return beta_2_; }
  double epsilon() const { return epsilon_; }
  bool amsgrad() const { return amsgrad_; }
  Json get_config() const override;

 protected:
  // For AdamW: the same update under another Keras class name.
  Adam(const OptimizerOptions& base, std::string_view keras_class_name,
       double beta_1, double beta_2, double epsilon, bool amsgrad);

  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  double beta_1_;
  double beta_2_;
  double epsilon_;
  bool amsgrad_;
  Variables momentums_;
  Variables velocities_;
  Variables velocity_hats_;
};

}  // namespace keras::optimizers
