// File: keras/optimizers/adafactor.h
// -----------------------------------------------------------------------------
// Adafactor (Python: keras.optimizers.Adafactor,
// keras/src/optimizers/adafactor.py, computed with backend ops in the
// variable's dtype), with t = iterations + 1, rms(x) = sqrt(mean(x^2)):
//
//   lr = min(lr, 1 / sqrt(t))       (relative_step, float learning rate only)
//   rho = min(lr, 1 / sqrt(t));  alpha = max(epsilon_2, rms(w)) * rho
//   G = g^2 + epsilon_1;  b = 1 - t^beta_2_decay
//   rank >= 2: r = b r + (1 - b) mean(G, -1); c = b c + (1 - b) mean(G, -2)
//              v = (r / mean(r, -1))[..., None] * c[..., None, :]
//   else:      v = b v + (1 - b) G
//   u = g / sqrt(v);  w -= alpha * u / max(1, rms(u) / clip_threshold)
//
// Variables per model variable, in order: r and c (factored second moments,
// named after the variable: path "<optimizer>/kernel"; for rank < 2 unused
// int32 scalars with path = the variable's name, as Keras keeps them), then
// "velocity".
//
//   auto opt = std::make_shared<keras::optimizers::Adafactor>(
//       keras::optimizers::AdafactorOptions{.learning_rate = 0.05});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

// Keras' Adafactor arguments, in Keras' order, with Keras' defaults.
struct AdafactorOptions {
  LearningRate learning_rate = 0.001;
  double beta_2_decay = -0.8;
  double epsilon_1 = 1e-30;
  double epsilon_2 = 1e-3;
  double clip_threshold = 1.0;
  bool relative_step = true;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

class Adafactor : public Optimizer {
 public:
  explicit Adafactor(const AdafactorOptions& options = {});

  std::string class_name() const override { return "Adafactor"; }
  Json get_config() const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;

 private:
  AdafactorOptions o_;
  Variables r_;
  Variables c_;
  Variables v_;
};

}  // namespace keras::optimizers
