#include "keras/optimizers/adagrad.h"

#include <cmath>

#include "keras/optimizers/internal/floating.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::values_of;

Adagrad::Adagrad(const AdagradOptions& options)
    : Optimizer(to_base_options(options), "Adagrad"),
      initial_accumulator_value_(options.initial_accumulator_value),
      epsilon_(options.epsilon) {}

void Adagrad::build_slots(const Variables& trainable_variables) {
  accumulators_ = add_optimizer_variables(trainable_variables, {"accumulator"},
                                          {initial_accumulator_value_})[0];
}

void Adagrad::update_step(std::size_t index, const Tensor& grad,
                          Variable& variable, float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T lr = static_cast<T>(learning_rate);
    const T eps = static_cast<T>(epsilon_);
    T* w = values_of<T>(variable);
    T* a = values_of<T>(*accumulators_[index]);
    const T* g = grad.data<T>();
    for (std::int64_t k = 0; k < grad.size(); ++k) {
      a[k] = a[k] + g[k] * g[k];
      w[k] = w[k] - (g[k] * lr) / std::sqrt(a[k] + eps);
    }
  });
}

Json Adagrad::get_config() const {
  Json config = Optimizer::get_config();
  config["initial_accumulator_value"] = initial_accumulator_value_;
  config["epsilon"] = epsilon_;
  return config;
}

}  // namespace keras::optimizers
