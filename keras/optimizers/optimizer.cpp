#include "keras/optimizers/optimizer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "keras/core/error.h"
#include "keras/ops/autograd.h"
#include "keras/ops/core.h"
#include "keras/ops/numpy.h"
#include "keras/optimizers/internal/floating.h"
#include "keras/utils/naming.h"

namespace keras::optimizers {

namespace {

using internal::dispatch_floating;
using internal::values_of;

// Keras' naming.auto_name: the first "adam", then "adam_1", ... (shared with
// layers' auto-names, reset by keras::utils::clear_session()).
std::string auto_name(std::string_view class_name) {
  return utils::uniquify(utils::to_snake_case(std::string(class_name)));
}

// Python's repr of a float (shortest round-trip digits), for messages.
std::string repr(double value) {
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  std::string s = buffer;
  if (s.find_first_of(".eni") == std::string::npos) s += ".0";
  return s;
}

template <class V>
std::string repr(const std::optional<V>& value) {
  if (!value) return "None";
  if constexpr (std::is_floating_point_v<V>) {
    return repr(static_cast<double>(*value));
  } else {
    return std::to_string(*value);
  }
}

template <class V>
Json to_json(const std::optional<V>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// Sum of squares, accumulated in double (torch sums float32 pairwise; the
// double sum is at least as accurate).
double sum_of_squares(const Tensor& g) {
  double total = 0.0;
  dispatch_floating(g.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* p = g.data<T>();
    for (std::int64_t i = 0; i < g.size(); ++i) {
      total += static_cast<double>(p[i]) * static_cast<double>(p[i]);
    }
  });
  return total;
}

}  // namespace

Optimizer::~Optimizer() = default;

Optimizer::Optimizer(const OptimizerOptions& options,
                     std::string_view keras_class_name)
    : options_(options) {
  const auto& o = options_;
  if (o.gradient_accumulation_steps && *o.gradient_accumulation_steps < 2) {
    throw ValueError(
        str("`gradient_accumulation_steps` must be an integer >= 2. Received: "
            "gradient_accumulation_steps=",
            *o.gradient_accumulation_steps));
  }
  if (o.use_ema) {
    if (o.ema_momentum > 1 || o.ema_momentum < 0) {
      throw ValueError(
          str("`ema_momentum` must be in the range [0, 1]. Received: "
              "ema_momentum=",
              repr(o.ema_momentum)));
    }
    if (o.ema_overwrite_frequency && *o.ema_overwrite_frequency < 1) {
      throw ValueError(
          str("`ema_overwrite_frequency` must be an integer >= 1 or None. "
              "Received: ema_overwrite_frequency=",
              *o.ema_overwrite_frequency));
    }
  }
  const int clip_args = (o.clipnorm ? 1 : 0) + (o.clipvalue ? 1 : 0) +
                        (o.global_clipnorm ? 1 : 0);
  if (clip_args > 1) {
    throw ValueError(str(
        "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
        "Received: clipnorm=",
        repr(o.clipnorm), ", clipvalue=", repr(o.clipvalue),
        ", global_clipnorm=", repr(o.global_clipnorm)));
  }
  const bool has_schedule = o.learning_rate.schedule() != nullptr;
  if (!has_schedule && !std::isfinite(o.learning_rate.value())) {
    throw ValueError(
        str("Argument `learning_rate` should be float, or an instance of "
            "LearningRateSchedule, or a callable (that takes in the current "
            "iteration value and returns the corresponding learning rate "
            "value). Received instead: learning_rate=",
            repr(o.learning_rate.value())));
  }
  name_ = o.name.empty() ? auto_name(keras_class_name) : o.name;
  // Keras creates both in the constructor, so an unbuilt optimizer already
  // has two variables (keras-format §7.1). "int" is int32 on torch. A
  // schedule replaces the learning_rate variable.
  iteration_ = add_variable(Tensor::scalar(0, DType::int32), "iteration");
  if (!has_schedule) {
    learning_rate_ =
        add_variable(Tensor::scalar(o.learning_rate.value(), DType::float32),
                     "learning_rate");
  }
}

VariablePtr Optimizer::add_variable(const Tensor& initial_value,
                                    const std::string& name) {
  auto variable =
      std::make_shared<Variable>(initial_value, name,
                                 /*trainable=*/false, name_ + "/" + name);
  variables_.push_back(variable);
  return variable;
}

VariablePtr Optimizer::add_attribute_variable(const Tensor& initial_value,
                                              const std::string& name) {
  auto variable = std::make_shared<Variable>(initial_value, name,
                                             /*trainable=*/false, name);
  variables_.push_back(variable);
  return variable;
}

VariablePtr Optimizer::add_variable_from_reference(const Variable& reference,
                                                   const std::string& slot,
                                                   double fill) {
  std::string prefix = reference.path();
  std::replace(prefix.begin(), prefix.end(), '/', '_');
  Tensor initial = Tensor::zeros(reference.shape(), reference.dtype());
  if (fill != 0.0) {
    dispatch_floating(initial.dtype(), [&](auto zero) {
      using T = decltype(zero);
      T* p = initial.data<T>();
      for (std::int64_t k = 0; k < initial.size(); ++k) {
        p[k] = static_cast<T>(fill);
      }
    });
  }
  return add_variable(initial, prefix + "_" + slot);
}

std::vector<Variables> Optimizer::add_optimizer_variables(
    const Variables& references, const std::vector<std::string>& names) {
  return add_optimizer_variables(references, names,
                                 std::vector<double>(names.size(), 0.0));
}

std::vector<Variables> Optimizer::add_optimizer_variables(
    const Variables& references, const std::vector<std::string>& names,
    const std::vector<double>& fill_values) {
  std::vector<Variables> result(names.size());
  // Interleaved per reference variable, as Keras does for compatibility.
  for (const auto& reference : references) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      result[i].push_back(
          add_variable_from_reference(*reference, names[i], fill_values[i]));
    }
  }
  return result;
}

void Optimizer::build(const Variables& trainable_variables) {
  if (built_) return;
  for (const auto& v : trainable_variables) {
    if (!v) throw ValueError("Optimizer.build() received a null variable.");
  }
  if (options_.use_ema) {
    ema_averages_ =
        add_optimizer_variables(trainable_variables, {"average"})[0];
  }
  if (options_.gradient_accumulation_steps) {
    accumulators_ = add_optimizer_variables(trainable_variables,
                                            {"gradient_accumulator"})[0];
  }
  trainable_variables_ = trainable_variables;
  build_slots(trainable_variables);
  built_ = true;
}

std::int64_t Optimizer::raw_iteration() const {
  return static_cast<std::int64_t>(iteration_->value().item());
}

std::int64_t Optimizer::iterations() const {
  const std::int64_t raw = raw_iteration();
  if (options_.gradient_accumulation_steps) {
    return raw / *options_.gradient_accumulation_steps;
  }
  return raw;
}

double Optimizer::learning_rate() const {
  // Keras evaluates a schedule at the raw counter (`_iterations`), also
  // with gradient accumulation.
  if (const auto& schedule = learning_rate_schedule()) {
    return (*schedule)(raw_iteration());
  }
  return learning_rate_->value().item();
}

void Optimizer::set_learning_rate(double learning_rate) {
  if (learning_rate_schedule()) {
    throw TypeError(
        "This optimizer was created with a `LearningRateSchedule` object as "
        "its `learning_rate` constructor argument, hence its learning rate is "
        "not settable. If you need the learning rate to be settable, you "
        "should instantiate the optimizer with a float `learning_rate` "
        "argument.");
  }
  learning_rate_->assign(Tensor::scalar(learning_rate, DType::float32));
}

Tensor Optimizer::scale_loss(const Tensor& loss) const {
  if (!options_.loss_scale_factor) return loss;
  return ops::multiply(loss,
                       ops::scalar_like(*options_.loss_scale_factor, loss));
}

std::size_t Optimizer::index_of(const Variable* variable) const {
  for (std::size_t i = 0; i < trainable_variables_.size(); ++i) {
    if (trainable_variables_[i].get() == variable) return i;
  }
  throw ValueError(str(
      "Unknown variable: ", variable->path(),
      ". This optimizer can only be called for the variables it was "
      "originally built with. When working with a new set of variables, you "
      "should recreate a new optimizer instance."));
}

void Optimizer::apply_gradients(const Tensors& grads,
                                const Variables& trainable_variables) {
  if (grads.size() != trainable_variables.size()) {
    throw ValueError(
        str("apply_gradients() needs one gradient per variable. "
            "Received: ",
            grads.size(), " gradients for ", trainable_variables.size(),
            " variables."));
  }
  if (grads.empty()) return;  // Keras: a no-op.
  if (!built_) build(trainable_variables);
  for (const auto& v : trainable_variables) index_of(v.get());
  apply_impl(grads, trainable_variables);
}

void Optimizer::apply(const Tensors& grads) {
  if (grads.empty()) return;
  if (!built_) {
    throw ValueError(
        "When passing `grads` without `variables`, the optimizer must already "
        "be built on a list of variables. Call "
        "`optimizer.build(trainable_variables)` first. ");
  }
  if (grads.size() != trainable_variables_.size()) {
    throw ValueError(
        str("When passing `grads` as a list of gradient tensors, the gradients "
            "must match `optimizer.variables` one-to-on. Received a list of ",
            grads.size(), " gradients, but the optimizer is tracking ",
            trainable_variables_.size(), " trainable variables."));
  }
  apply_impl(grads, trainable_variables_);
}

void Optimizer::apply_impl(const Tensors& grads, const Variables& variables) {
  // Filter empty gradients; work on private copies in the variable's dtype
  // (callers' gradient tensors are never modified).
  Tensors kept_grads;
  Variables kept_vars;
  for (std::size_t i = 0; i < grads.size(); ++i) {
    if (!grads[i].defined()) continue;
    const Variable& v = *variables[i];
    if (grads[i].is_symbolic()) {
      throw ValueError(
          str("Cannot apply a symbolic gradient to variable ", v.path(), "."));
    }
    if (grads[i].shape() != v.shape()) {
      throw ValueError(str("Gradient of shape ", shape_str(grads[i].shape()),
                           " does not match variable ", v.path(), " of shape ",
                           shape_str(v.shape()), "."));
    }
    kept_grads.push_back(grads[i].dtype() == v.dtype()
                             ? grads[i].clone()
                             : grads[i].astype(v.dtype()));
    kept_vars.push_back(variables[i]);
  }
  if (kept_grads.empty()) {
    throw ValueError("No gradients provided for any variable.");
  }

  if (options_.loss_scale_factor) {
    const double scale = *options_.loss_scale_factor;
    for (auto& g : kept_grads) {
      dispatch_floating(g.dtype(), [&](auto zero) {
        using T = decltype(zero);
        T* p = g.data<T>();
        const T s = static_cast<T>(scale);
        for (std::int64_t k = 0; k < g.size(); ++k) p[k] = p[k] / s;
      });
    }
  }

  if (options_.gradient_accumulation_steps) {
    const std::int64_t steps = *options_.gradient_accumulation_steps;
    const bool is_update_step = (raw_iteration() + 1) % steps == 0;
    for (std::size_t i = 0; i < kept_grads.size(); ++i) {
      Variable& acc = *accumulators_[index_of(kept_vars[i].get())];
      Tensor& g = kept_grads[i];
      dispatch_floating(g.dtype(), [&](auto zero) {
        using T = decltype(zero);
        T* gp = g.data<T>();
        T* ap = values_of<T>(acc);
        const T n = static_cast<T>(steps);
        for (std::int64_t k = 0; k < g.size(); ++k) {
          if (is_update_step) {
            gp[k] = (gp[k] + ap[k]) / n;
          } else {
            ap[k] = ap[k] + gp[k];
          }
        }
      });
    }
    if (is_update_step) {
      update_all(kept_grads, kept_vars);
      for (const auto& acc : accumulators_) {
        acc->assign(Tensor::zeros(acc->shape(), acc->dtype()));
      }
    }
  } else {
    update_all(kept_grads, kept_vars);
  }

  if (options_.use_ema) {
    update_moving_averages();
    if (options_.ema_overwrite_frequency &&
        (iterations() + 1) % *options_.ema_overwrite_frequency == 0) {
      finalize_variable_values(trainable_variables_);
    }
  }

  // Constraints see the updated values; no gradient is recorded.
  {
    autograd::NoGradGuard no_grad;
    for (const auto& v : kept_vars) {
      if (v->constraint) v->assign(v->constraint(v->value()));
    }
  }

  Tensor iteration = iteration_->value();
  *iteration.data<std::int32_t>() += 1;
}

void Optimizer::update_all(const Tensors& grads, const Variables& variables) {
  Tensors clipped = grads;
  clip_gradients(clipped);
  apply_weight_decay(variables);
  const float lr = static_cast<float>(learning_rate());
  before_update_steps();
  for (std::size_t i = 0; i < clipped.size(); ++i) {
    update_step(index_of(variables[i].get()), clipped[i], *variables[i], lr);
  }
}

void Optimizer::clip_gradients(Tensors& grads) const {
  if (options_.clipnorm && *options_.clipnorm > 0) {
    // Keras' _clip_by_norm, per gradient: g * c / max(||g||, c).
    for (auto& g : grads) {
      dispatch_floating(g.dtype(), [&](auto zero) {
        using T = decltype(zero);
        const T c = static_cast<T>(*options_.clipnorm);
        const T l2sum = static_cast<T>(sum_of_squares(g));
        const T l2norm = l2sum > 0 ? std::sqrt(l2sum) : l2sum;
        const T denominator = std::max(l2norm, c);
        T* p = g.data<T>();
        for (std::int64_t k = 0; k < g.size(); ++k) {
          p[k] = (p[k] * c) / denominator;
        }
      });
    }
  } else if (options_.global_clipnorm && *options_.global_clipnorm > 0) {
    // Keras' clip_by_global_norm: scale = c * min(1/norm, 1/c), turned into
    // NaN when the norm is not finite.
    double squared = 0.0;
    for (const auto& g : grads) squared += sum_of_squares(g);
    for (auto& g : grads) {
      dispatch_floating(g.dtype(), [&](auto zero) {
        using T = decltype(zero);
        const T norm = std::sqrt(static_cast<T>(squared));
        const T c = static_cast<T>(*options_.global_clipnorm);
        const T scale =
            c * std::min(T(1) / norm,
                         static_cast<T>(1.0 / *options_.global_clipnorm)) +
            (norm - norm);
        T* p = g.data<T>();
        for (std::int64_t k = 0; k < g.size(); ++k) p[k] = p[k] * scale;
      });
    }
  } else if (options_.clipvalue && *options_.clipvalue > 0) {
    for (auto& g : grads) {
      dispatch_floating(g.dtype(), [&](auto zero) {
        using T = decltype(zero);
        const T v = static_cast<T>(*options_.clipvalue);
        T* p = g.data<T>();
        for (std::int64_t k = 0; k < g.size(); ++k) {
          p[k] = std::min(std::max(p[k], -v), v);
        }
      });
    }
  }
}

void Optimizer::apply_weight_decay(const Variables& variables) const {
  if (!options_.weight_decay) return;
  // Torch backend: var *= 1 - weight_decay * lr, in float32.
  const float lr = static_cast<float>(learning_rate());
  const float factor = 1.0f - static_cast<float>(*options_.weight_decay) * lr;
  for (const auto& v : variables) {
    dispatch_floating(v->dtype(), [&](auto zero) {
      using T = decltype(zero);
      T* p = values_of<T>(*v);
      const std::int64_t n = shape_size(v->shape());
      for (std::int64_t k = 0; k < n; ++k) p[k] = p[k] * static_cast<T>(factor);
    });
  }
}

void Optimizer::update_moving_averages() {
  // First step copies the variable (momentum 0), later steps average.
  const bool not_first_step = iterations() != 0;
  for (std::size_t i = 0; i < trainable_variables_.size(); ++i) {
    const Variable& var = *trainable_variables_[i];
    Variable& average = *ema_averages_[i];
    dispatch_floating(var.dtype(), [&](auto zero) {
      using T = decltype(zero);
      const T momentum =
          not_first_step ? static_cast<T>(options_.ema_momentum) : T(0);
      const T* v = values_of<T>(var);
      T* a = values_of<T>(average);
      const std::int64_t n = shape_size(var.shape());
      for (std::int64_t k = 0; k < n; ++k) {
        a[k] = momentum * a[k] + (T(1) - momentum) * v[k];
      }
    });
  }
}

void Optimizer::finalize_variable_values(const Variables& vars) {
  if (!options_.use_ema) return;
  if (vars.size() != ema_averages_.size()) {
    throw ValueError(
        str("The length of model variables (", vars.size(),
            ") to override does not match the length of model variables stored "
            "in the optimizer (",
            ema_averages_.size(),
            "). Please check if the optimizer was called on your model."));
  }
  for (std::size_t i = 0; i < vars.size(); ++i) {
    vars[i]->assign(ema_averages_[i]->value());
  }
}

Json Optimizer::get_config() const {
  const auto& o = options_;
  Json config = Json::object();
  config["name"] = name_;
  // The float32 variable's value widened to double, as Keras writes it, or
  // the schedule's record.
  if (const auto& schedule = learning_rate_schedule()) {
    config["learning_rate"] = schedules::serialize(*schedule);
  } else {
    config["learning_rate"] = learning_rate();
  }
  config["weight_decay"] = to_json(o.weight_decay);
  config["clipnorm"] = to_json(o.clipnorm);
  config["global_clipnorm"] = to_json(o.global_clipnorm);
  config["clipvalue"] = to_json(o.clipvalue);
  config["use_ema"] = o.use_ema;
  config["ema_momentum"] = o.ema_momentum;
  config["ema_overwrite_frequency"] = to_json(o.ema_overwrite_frequency);
  config["loss_scale_factor"] = to_json(o.loss_scale_factor);
  config["gradient_accumulation_steps"] =
      to_json(o.gradient_accumulation_steps);
  return config;
}

}  // namespace keras::optimizers
