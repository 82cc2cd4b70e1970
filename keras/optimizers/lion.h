// File: keras/optimizers/lion.h
// -----------------------------------------------------------------------------
// Lion (Python: keras.optimizers.Lion, keras/src/optimizers/lion.py; update
// math of keras/src/backend/torch/optimizers/torch_lion.py):
//
//   w -= lr * sign(beta_1 * m + (1 - beta_1) * g)
//   m = beta_2 * m + (1 - beta_2) * g
//
// Slots: one "momentum" per variable.
//
//   auto opt = std::make_shared<keras::optimizers::Lion>(
//       keras::optimizers::LionOptions{.learning_rate = 3e-4});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' Lion arguments, in Keras' order, with Keras' defaults.
struct LionOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.99;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class Lion : public Optimizer {
 public:
  // ValueError unless 0 < beta_1 <= 1.
  explicit Lion(const LionOptions& options = {});

  std::string class_name() const override { return "Lion"; }
  Json get_config() const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  double beta_1_;
  double beta_2_;
  Variables momentums_;
};

}  // namespace keras::optimizers
