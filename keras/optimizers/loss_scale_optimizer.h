// File: keras/optimizers/loss_scale_optimizer.h
// -----------------------------------------------------------------------------
// keras.optimizers.LossScaleOptimizer (keras/src/optimizers/
// loss_scale_optimizer.py): wraps an optimizer with dynamic loss scaling for
// float16 training. The trainer differentiates loss * scale (scale_loss);
// each apply then
//   - with every gradient finite: divides the gradients by the scale, lets
//     the inner optimizer update, and doubles the scale once
//     `dynamic_growth_steps` finite steps in a row have passed;
//   - otherwise: skips the update and halves the scale.
//
// Variables (optimizer/vars/<i>), as Keras orders them: its own iteration
// and learning_rate (both unused: Keras' base constructor makes them), then
// at build step_counter (int32) and dynamic_scale (float32), then the inner
// optimizer's variables. `iterations()` and the learning rate are the inner
// optimizer's.
//
//   auto opt = std::make_shared<keras::optimizers::LossScaleOptimizer>(
//       std::make_shared<keras::optimizers::SGD>(),
//       keras::optimizers::LossScaleOptimizerOptions{.initial_scale = 1024});
// -----------------------------------------------------------------------------
#pragma once

#include <memory>

#include "keras/optimizers/optimizer.h"

namespace keras::optimizers {

struct LossScaleOptimizerOptions {
  double initial_scale = 32768.0;  // 2 ** 15
  std::int64_t dynamic_growth_steps = 2000;
  std::string name = "";
};

class LossScaleOptimizer : public Optimizer {
 public:
  explicit LossScaleOptimizer(std::shared_ptr<Optimizer> inner_optimizer,
                              const LossScaleOptimizerOptions& options = {});

  std::string class_name() const override { return "LossScaleOptimizer"; }
  // name, inner_optimizer (its record), initial_scale, dynamic_growth_steps.
  Json get_config() const override;

  const std::shared_ptr<Optimizer>& inner_optimizer() const { return inner_; }
  double initial_scale() const { return initial_scale_; }
  std::int64_t dynamic_growth_steps() const { return growth_steps_; }
  // The current scale (initial_scale before build).
  double dynamic_scale() const;
  const VariablePtr& step_counter() const { return step_counter_; }

  const Variables& variables() const override;
  std::int64_t iterations() const override { return inner_->iterations(); }
  double learning_rate() const override { return inner_->learning_rate(); }
  void set_learning_rate(double value) override {
    inner_->set_learning_rate(value);
  }
  void finalize_variable_values(const Variables& vars) override {
    inner_->finalize_variable_values(vars);
  }
  Tensor scale_loss(const Tensor& loss) const override;

 protected:
  void build_slots(const Variables& trainable_variables) override;
  void update_step(std::size_t index, const Tensor& grad, Variable& variable,
                   float learning_rate) override;
  void apply_impl(const Tensors& grads, const Variables& variables) override;

 private:
  std::shared_ptr<Optimizer> inner_;
  double initial_scale_;
  std::int64_t growth_steps_;
  VariablePtr step_counter_;
  VariablePtr dynamic_scale_;
  mutable Variables all_variables_;
};

// LossScaleOptimizer.from_config: `config` as get_config() writes it;
// Keras' legacy base-optimizer keys are accepted at their defaults only.
std::shared_ptr<Optimizer> loss_scale_optimizer_from_config(const Json& config);

}  // namespace keras::optimizers
