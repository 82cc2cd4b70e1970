// File: keras/optimizers/optimizer.h
// -----------------------------------------------------------------------------
// keras::optimizers::Optimizer: the base class of every optimizer (Python:
// keras/src/optimizers/base_optimizer.py + optimizer.py, with the update math
// of the torch backend, keras/src/backend/torch/optimizers/, which wrote the
// reference fixtures).
//
// What the base class does, in Keras' order, for one apply_gradients() call:
//   1. builds the optimizer on first use (slot variables per trainable var);
//   2. skips variables whose gradient is undefined (Keras' "filter empty
//      gradients"); throws when no gradient is left;
//   3. divides gradients by `loss_scale_factor`;
//   4. with `gradient_accumulation_steps = n`: adds the gradients to the
//      accumulators, and on every n-th call updates with their mean;
//   5. clips (clipnorm per variable / global_clipnorm / clipvalue), applies
//      weight decay (var *= 1 - weight_decay * lr), then the subclass's
//      update rule (update_step);
//   6. updates the EMA averages (use_ema) and overwrites the model variables
//      with them every `ema_overwrite_frequency` steps;
//   7. applies each variable's constraint; increments `iteration`.
//
// Variable layout (`variables()`, saved as optimizer/vars/<i>; keras-format
// §7): iteration (int32 scalar), learning_rate (float32 scalar) — both made by
// the constructor — then, at build(): EMA averages, gradient accumulators,
// then the subclass's slots. Slot names follow Keras:
// "<model var path with / -> _>_<slot>", path "<optimizer name>/<name>".
//
// Optimizers are shared objects (the model and the trainer both hold them):
// construct with std::make_shared, e.g.
//
//   auto opt = std::make_shared<keras::optimizers::Adam>(
//       keras::optimizers::AdamOptions{.learning_rate = 1e-3});
//   opt->apply_gradients(grads, model_trainable_variables);
//
// Why a class with a public constructor taking an options struct (and not a
// factory function per optimizer): the class keeps Keras' name (`Adam`), the
// options struct gives Python-like keyword arguments with designated
// initializers in Keras' argument order, and std::make_shared<Adam>(...)
// converts to std::shared_ptr<Optimizer> wherever one is expected.
// -----------------------------------------------------------------------------
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/backend/variable.h"
#include "keras/core/error.h"
#include "keras/core/json.h"
#include "keras/optimizers/schedules/learning_rate_schedule.h"

namespace keras::optimizers {

// An optimizer's `learning_rate` argument: a float or a schedule, so that
// options structs accept both `.learning_rate = 0.01` and
// `.learning_rate = std::make_shared<schedules::CosineDecay>(...)`.
class LearningRate {
 public:
  LearningRate(double value) : value_(value) {}
  template <class S>
  requires std::derived_from<S, schedules::LearningRateSchedule> LearningRate(
      std::shared_ptr<S> schedule)
      : schedule_(std::move(schedule)) {
    if (!schedule_) {
      throw ValueError("Argument `learning_rate` received a null schedule.");
    }
  }

  // The float (unused when a schedule is set).
  double value() const { return value_; }
  const schedules::LearningRateSchedulePtr& schedule() const {
    return schedule_;
  }

 private:
  double value_ = 0.0;
  schedules::LearningRateSchedulePtr schedule_;
};

// The base-optimizer arguments every options struct ends with (Keras puts
// them after the optimizer's own arguments, weight_decay first).
#define KERAS_OPTIMIZER_BASE_OPTIONS(WEIGHT_DECAY)                        \
  std::optional<double> weight_decay = WEIGHT_DECAY;                      \
  std::optional<double> clipnorm = std::nullopt;                          \
  std::optional<double> clipvalue = std::nullopt;                         \
  std::optional<double> global_clipnorm = std::nullopt;                   \
  bool use_ema = false;                                                   \
  double ema_momentum = 0.99;                                             \
  std::optional<std::int64_t> ema_overwrite_frequency = std::nullopt;     \
  std::optional<double> loss_scale_factor = std::nullopt;                 \
  std::optional<std::int64_t> gradient_accumulation_steps = std::nullopt; \
  /* "" = Keras' automatic name (snake-cased class name, made unique). */ \
  std::string name = ""

// Keras' base-optimizer arguments with Keras' defaults. Subclass options
// structs repeat these fields (designated initializers cannot reach into a
// base struct) and convert with to_base_options().
struct OptimizerOptions {
  LearningRate learning_rate = 0.001;
  KERAS_OPTIMIZER_BASE_OPTIONS(std::nullopt);
};

// Copies the base fields out of a subclass options struct.
template <class Options>
OptimizerOptions to_base_options(const Options& o) {
  return OptimizerOptions{
      .learning_rate = o.learning_rate,
      .weight_decay = o.weight_decay,
      .clipnorm = o.clipnorm,
      .clipvalue = o.clipvalue,
      .global_clipnorm = o.global_clipnorm,
      .use_ema = o.use_ema,
      .ema_momentum = o.ema_momentum,
      .ema_overwrite_frequency = o.ema_overwrite_frequency,
      .loss_scale_factor = o.loss_scale_factor,
      .gradient_accumulation_steps = o.gradient_accumulation_steps,
      .name = o.name,
  };
}

class Optimizer {
 public:
  virtual ~Optimizer();
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  // Keras' class name ("Adam", "SGD", "RMSprop").
  virtual std::string class_name() const = 0;
  const std::string& name() const { return name_; }
  const OptimizerOptions& options() const { return options_; }

  // Creates the per-variable state for `trainable_variables` (in the model's
  // trainable_variables order). A second call does nothing, as in Keras.
  void build(const Variables& trainable_variables);
  bool built() const { return built_; }

  // One optimizer step (see the file comment). Builds on first use; later
  // calls must pass variables the optimizer was built with. `grads[i]` is the
  // gradient of `trainable_variables[i]` (undefined = no gradient).
  void apply_gradients(const Tensors& grads,
                       const Variables& trainable_variables);
  // Same, for the variables the optimizer was built with (Keras' apply(grads)).
  void apply(const Tensors& grads);

  // Every optimizer variable, in Keras' order (optimizer/vars/<i>).
  virtual const Variables& variables() const { return variables_; }
  // The trainable variables given to build().
  const Variables& trainable_variables() const { return trainable_variables_; }

  // Number of optimizer steps taken (Keras' `iterations`: with gradient
  // accumulation, iteration // gradient_accumulation_steps).
  virtual std::int64_t iterations() const;
  // The `iteration` variable (counts apply() calls).
  const VariablePtr& iteration_variable() const { return iteration_; }
  // Null when the learning rate is a schedule (Keras then has no
  // learning_rate variable).
  const VariablePtr& learning_rate_variable() const { return learning_rate_; }
  // The schedule given as learning_rate, or null.
  const schedules::LearningRateSchedulePtr& learning_rate_schedule() const {
    return options_.learning_rate.schedule();
  }

  // Current learning rate: the float32 variable's value, or the schedule at
  // the `iteration` counter, widened to double.
  virtual double learning_rate() const;
  // Assigns the learning-rate variable (rounded to float32); TypeError when
  // the learning rate is a schedule.
  virtual void set_learning_rate(double learning_rate);

  // With use_ema: overwrites `vars` with their moving averages (Keras'
  // finalize_variable_values, called by fit() at the end of training).
  virtual void finalize_variable_values(const Variables& vars);

  // The loss the trainer differentiates (Keras' scale_loss): multiplied by
  // `loss_scale_factor` when set; apply_gradients divides the gradients by
  // it again. LossScaleOptimizer multiplies by its dynamic scale.
  virtual Tensor scale_loss(const Tensor& loss) const;

  // Base keys then subclass keys, in Keras' order (keras-format §7.3).
  virtual Json get_config() const;

 protected:
  // `keras_class_name` names the optimizer when options.name is empty.
  Optimizer(const OptimizerOptions& options, std::string_view keras_class_name);

  // Subclass hook: create slot variables (with add_optimizer_variables).
  virtual void build_slots(const Variables& trainable_variables) = 0;
  // Subclass hook: update variable `index` (position in the build() list)
  // with its processed gradient `grad` (same shape and dtype as the
  // variable), at learning rate `learning_rate` (float32 value).
  virtual void update_step(std::size_t index, const Tensor& grad,
                           Variable& variable, float learning_rate) = 0;

  // Keras' add_optimizer_variables: for each reference variable, one new
  // zero variable per name (interleaved). Returns one list per name.
  std::vector<Variables> add_optimizer_variables(
      const Variables& references, const std::vector<std::string>& names);
  // Same, each filled with `fill_values[i]` (Keras' Constant initializer).
  std::vector<Variables> add_optimizer_variables(
      const Variables& references, const std::vector<std::string>& names,
      const std::vector<double>& fill_values);
  // One zero (or `fill`) variable shaped like `reference`, named Keras' way.
  VariablePtr add_variable_from_reference(const Variable& reference,
                                          const std::string& slot_name,
                                          double fill = 0.0);
  // Keras' add_variable(shape, dtype, name): path "<optimizer>/<name>".
  VariablePtr add_variable(const Tensor& initial_value,
                           const std::string& name);
  // A plain backend.Variable an optimizer keeps in an attribute (Nadam's
  // u_product, Adafactor's placeholders): tracked after the slots made so
  // far, with path = name (no optimizer prefix), as Keras saves them.
  VariablePtr add_attribute_variable(const Tensor& initial_value,
                                     const std::string& name);

  // Hook run once per optimizer step before the per-variable updates
  // (Nadam updates its u_product there).
  virtual void before_update_steps() {}

  // One step for `grads` (same length as `variables`, undefined = no
  // gradient) once built and checked: everything listed in the file comment
  // from step 2 on. LossScaleOptimizer replaces it.
  virtual void apply_impl(const Tensors& grads, const Variables& variables);

  // The number of the step being computed (iterations() + 1), as Keras'
  // update rules use it.
  std::int64_t local_step() const { return iterations() + 1; }

 private:
  // LossScaleOptimizer turns off its inner optimizer's loss_scale_factor.
  friend class LossScaleOptimizer;

  std::size_t index_of(const Variable* variable) const;
  void clip_gradients(Tensors& grads) const;
  void apply_weight_decay(const Variables& variables) const;
  void update_all(const Tensors& grads, const Variables& variables);
  void update_moving_averages();
  std::int64_t raw_iteration() const;

  OptimizerOptions options_;
  std::string name_;
  bool built_ = false;
  Variables variables_;
  Variables trainable_variables_;
  VariablePtr iteration_;
  VariablePtr learning_rate_;
  Variables ema_averages_;
  Variables accumulators_;
};

}  // namespace keras::optimizers
