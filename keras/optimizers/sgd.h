// File: keras/optimizers/sgd.h
// -----------------------------------------------------------------------------
// Stochastic gradient descent with optional (Nesterov) momentum (Python:
// keras.optimizers.SGD, keras/src/optimizers/sgd.py; update math of
// keras/src/backend/torch/optimizers/torch_sgd.py):
//
//   momentum == 0:  w -= lr * g
//   momentum != 0:  m = momentum * m - lr * g
//                   w += m                        (nesterov=false)
//                   w += momentum * m - lr * g    (nesterov=true)
//
// Slots: one "momentum" per trainable variable, only when momentum != 0.
//
//   auto sgd = std::make_shared<keras::optimizers::SGD>(
//       keras::optimizers::SGDOptions{.learning_rate = 0.1, .momentum = 0.9});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' SGD arguments, in Keras' order, with Keras' defaults.
struct SGDOptions {
  LearningRate learning_rate = 0.01;
  double momentum = 0.0;
  bool nesterov = false;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class SGD : public Optimizer {
 public:
  explicit SGD(const SGDOptions& options = {});

  std::string class_name() const override { return "SGD"; }
  double momentum() const { return momentum_; }
  bool nesterov() const { return nesterov_; }
  Json get_config() const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  double momentum_;
  bool nesterov_;
  Variables momentums_;
};

}  // namespace keras::optimizers
