// File: keras/optimizers/adamw.h
// -----------------------------------------------------------------------------
// AdamW (Python: keras.optimizers.AdamW, keras/src/optimizers/adamw.py; the
// torch backend runs torch_adam's update): Adam with decoupled weight decay,
// which the base optimizer applies before each update
// (w *= 1 - weight_decay * lr). weight_decay is required (default 0.004).
// Slots and update as Adam; the automatic name is "adam_w".
//
//   auto opt = std::make_shared<keras::optimizers::AdamW>(
//       keras::optimizers::AdamWOptions{.learning_rate = 1e-3,
//                                       .weight_decay = 0.05});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/optimizers/adam.h"

namespace keras::optimizers {

// Keras' AdamW arguments, in Keras' order, with Keras' defaults.
struct AdamWOptions {
  LearningRate learning_rate = 0.001;
  std::optional<double> weight_decay = 0.004;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  bool amsgrad = false;
  std::optional<double> clipnorm = std::nullopt;
  std::optional<double> clipvalue = std::nullopt;
  std::optional<double> global_clipnorm = std::nullopt;
  bool use_ema = false;
  double ema_momentum = 0.99;
  std::optional<std::int64_t> ema_overwrite_frequency = std::nullopt;
  std::optional<double> loss_scale_factor = std::nullopt;
  std::optional<std::int64_t> gradient_accumulation_steps = std::nullopt;
  std::string name = "";
};

class AdamW : public Adam {
 public:
  explicit AdamW(const AdamWOptions& options = {});
  std::string class_name() const override { return "AdamW"; }
};

}  // namespace keras::optimizers
