// File: keras/optimizers/nadam.h
// -----------------------------------------------------------------------------
// Nadam (Python: keras.optimizers.Nadam, keras/src/optimizers/nadam.py;
// update math of keras/src/backend/torch/optimizers/torch_nadam.py), with
// t = iterations + 1 and u(t) = beta_1 * (1 - 0.5 * 0.96^t):
//
//   P = P * u(t)                       (u_product, once per step)
//   m = beta_1 * m + (1 - beta_1) * g
//   v = beta_2 * v + (1 - beta_2) * g^2
//   m_hat = u(t+1) * m / (1 - P * u(t+1)) + (1 - u(t)) * g / (1 - P)
//   v_hat = v / (1 - beta_2^t)
//   w -= m_hat * lr / (sqrt(v_hat) + epsilon)
//
// Slots: interleaved "momentum", "velocity" per variable, then the scalar
// u_product (path "variable", starting at 1).
//
//   auto opt = std::make_shared<keras::optimizers::Nadam>(
//       keras::optimizers::NadamOptions{.learning_rate = 0.002});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' Nadam arguments, in Keras' order, with Keras' defaults.
struct NadamOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class Nadam : public Optimizer {
 public:
  explicit Nadam(const NadamOptions& options = {});

  std::string class_name() const override { return "Nadam"; }
  Json get_config() const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void before_update_steps() override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  // beta_1 * (1 - 0.5 * 0.96^step) in float32.
  float u(std::int64_t step) const;

  double beta_1_;
  double beta_2_;
  double epsilon_;
  Variables momentums_;
  Variables velocities_;
  VariablePtr u_product_;
};

}  // namespace keras::optimizers
