// File: keras/optimizers/adagrad.h
// -----------------------------------------------------------------------------
// Adagrad (Python: keras.optimizers.Adagrad, keras/src/optimizers/adagrad.py;
// update math of keras/src/backend/torch/optimizers/torch_adagrad.py):
//
//   a += g^2
//   w -= g * lr / sqrt(a + epsilon)
//
// Slots: one "accumulator" per variable, starting at
// initial_accumulator_value.
//
//   auto opt = std::make_shared<keras::optimizers::Adagrad>(
//       keras::optimizers::AdagradOptions{.learning_rate = 0.1});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' Adagrad arguments, in Keras' order, with Keras' defaults.
struct AdagradOptions {
  LearningRate learning_rate = 0.001;
  double initial_accumulator_value = 0.1;
  double epsilon = 1e-7;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class Adagrad : public Optimizer {
 public:
  explicit Adagrad(const AdagradOptions& options = {});

  std::string class_name() const override { return "Adagrad"; }
  Json get_config() const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  double initial_accumulator_value_;
  double epsilon_;
  Variables accumulators_;
};

}  // namespace keras::optimizers
