#include "keras/optimizers/adadelta.h"

#include <cmath>

#include "keras/optimizers/internal/floating.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::values_of;

Adadelta::Adadelta(const AdadeltaOptions& options)
    : Optimizer(to_base_options(options), "Adadelta"),
      rho_(options.rho),
      epsilon_(options.epsilon) {}

void Adadelta::build_slots(const Variables& trainable_variables) {
  auto slots = add_optimizer_variables(
      trainable_variables, {"accumulated_grad", "accumulated_delta_var"});
  accumulated_grads_ = std::move(slots[0]);
  accumulated_delta_vars_ = std::move(slots[1]);
}

void Adadelta::update_step(std::size_t index, const Tensor& grad,
                           Variable& variable, float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T lr = static_cast<T>(learning_rate);
    const T rho = static_cast<T>(rho_);
    const T one_minus_rho = static_cast<T>(1.0 - rho_);
    const T eps = static_cast<T>(epsilon_);
    T* w = values_of<T>(variable);
    T* ag = values_of<T>(*accumulated_grads_[index]);
    T* ad = values_of<T>(*accumulated_delta_vars_[index]);
    const T* g = grad.data<T>();
    for (std::int64_t k = 0; k < grad.size(); ++k) {
      ag[k] = ag[k] * rho + (g[k] * g[k]) * one_minus_rho;
      const T delta =
          -((std::sqrt(ad[k] + eps) * g[k]) / std::sqrt(ag[k] + eps));
      ad[k] = ad[k] * rho + (delta * delta) * one_minus_rho;
      w[k] = w[k] + delta * lr;
    }
  });
}

Json Adadelta::get_config() const {
  Json config = Optimizer::get_config();
  config["rho"] = rho_;
  config["epsilon"] = epsilon_;
  return config;
}

}  // namespace keras::optimizers
