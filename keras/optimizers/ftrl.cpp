#include "keras/optimizers/ftrl.h"

#include <algorithm>
#include <cmath>

#include "keras/core/error.h"
#include "keras/optimizers/internal/floating.h"
#include "keras/optimizers/internal/torch_pow.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::torch_pow;
using internal::values_of;

namespace {

std::string ftrl_repr(double v) { return Json(v).dump(); }

void check_non_negative(double value, const char* key) {
  if (value < 0.0) {
    throw ValueError(str("`", key, "` needs to be positive or zero. Received: ",
                         key, "=", ftrl_repr(value), "."));
  }
}

}  // namespace

Ftrl::Ftrl(const FtrlOptions& options)
    : Optimizer(to_base_options(options), "Ftrl"), o_(options) {
  check_non_negative(o_.initial_accumulator_value, "initial_accumulator_value");
  if (o_.learning_rate_power > 0.0) {
    throw ValueError(
        str("`learning_rate_power` needs to be negative or zero. Received: "
            "learning_rate_power=",
            ftrl_repr(o_.learning_rate_power), "."));
  }
  check_non_negative(o_.l1_regularization_strength,
                     "l1_regularization_strength");
  check_non_negative(o_.l2_regularization_strength,
                     "l2_regularization_strength");
  check_non_negative(o_.l2_shrinkage_regularization_strength,
                     "l2_shrinkage_regularization_strength");
}

void Ftrl::build_slots(const Variables& trainable_variables) {
  auto slots =
      add_optimizer_variables(trainable_variables, {"accumulator", "linear"},
                              {o_.initial_accumulator_value, 0.0});
  accumulators_ = std::move(slots[0]);
  linears_ = std::move(slots[1]);
}

void Ftrl::update_step(std::size_t index, const Tensor& grad,
                       Variable& variable, float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T lr = static_cast<T>(learning_rate);
    // Python floats meeting tensors: each rounded once to the dtype.
    const T exponent = static_cast<T>(-o_.learning_rate_power);
    const T l2_reg = static_cast<T>(o_.l2_regularization_strength) +
                     static_cast<T>(o_.beta) / (T(2) * lr);
    const T shrinkage =
        static_cast<T>(2 * o_.l2_shrinkage_regularization_strength);
    const T l1 = static_cast<T>(o_.l1_regularization_strength);
    T* w = values_of<T>(variable);
    T* n = values_of<T>(*accumulators_[index]);
    T* z = values_of<T>(*linears_[index]);
    const T* g = grad.data<T>();
    for (std::int64_t k = 0; k < grad.size(); ++k) {
      const T grad_to_use = g[k] + shrinkage * w[k];
      const T new_n = n[k] + g[k] * g[k];
      const T new_n_pow = torch_pow(new_n, exponent);
      z[k] = z[k] + (grad_to_use -
                     ((new_n_pow - torch_pow(n[k], exponent)) / lr) * w[k]);
      const T quadratic = new_n_pow / lr + T(2) * l2_reg;
      const T z_clipped = std::min(std::max(z[k], -l1), l1);
      w[k] = (z_clipped - z[k]) / quadratic;
      n[k] = new_n;
    }
  });
}

Json Ftrl::get_config() const {
  Json config = Optimizer::get_config();
  config["learning_rate_power"] = o_.learning_rate_power;
  config["initial_accumulator_value"] = o_.initial_accumulator_value;
  config["l1_regularization_strength"] = o_.l1_regularization_strength;
  config["l2_regularization_strength"] = o_.l2_regularization_strength;
  config["l2_shrinkage_regularization_strength"] =
      o_.l2_shrinkage_regularization_strength;
  config["beta"] = o_.beta;
  return config;
}

}  // namespace keras::optimizers
