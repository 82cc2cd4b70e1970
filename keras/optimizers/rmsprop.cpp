#include "keras/optimizers/rmsprop.h"

#include <cmath>

#include "keras/optimizers/internal/floating.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::values_of;

RMSprop::RMSprop(const RMSpropOptions& options)
    : Optimizer(to_base_options(options), "RMSprop"),
      rho_(options.rho),
      momentum_(options.momentum),
      epsilon_(options.epsilon),
      centered_(options.centered) {}

void RMSprop::build_slots(const Variables& trainable_variables) {
  velocities_ = add_optimizer_variables(trainable_variables, {"velocity"})[0];
  if (momentum_ > 0) {
    momentums_ = add_optimizer_variables(trainable_variables, {"momentum"})[0];
  }
  if (centered_) {
    average_gradients_ =
        add_optimizer_variables(trainable_variables, {"average_gradient"})[0];
  }
}

void RMSprop::update_step(std::size_t index, const Tensor& grad,
                          Variable& variable, float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T rho = static_cast<T>(rho_);
    const T one_minus_rho = static_cast<T>(1.0 - rho_);
    const T eps = static_cast<T>(epsilon_);
    const T lr = static_cast<T>(learning_rate);
    const T mu = static_cast<T>(momentum_);

    T* w = values_of<T>(variable);
    T* v = values_of<T>(*velocities_[index]);
    T* m = momentum_ > 0 ? values_of<T>(*momentums_[index]) : nullptr;
    T* a = centered_ ? values_of<T>(*average_gradients_[index]) : nullptr;
    const T* g = grad.data<T>();
    const std::int64_t n = grad.size();
    for (std::int64_t k = 0; k < n; ++k) {
      v[k] = v[k] * rho + one_minus_rho * (g[k] * g[k]);
      T denominator = v[k] + eps;
      if (a) {
        a[k] = a[k] * rho + one_minus_rho * g[k];
        denominator = denominator - a[k] * a[k];
      }
      denominator = std::sqrt(denominator);
      const T increment = (g[k] * lr) / denominator;
      if (m) {
        m[k] = m[k] * mu + increment;
        w[k] = w[k] - m[k];
      } else {
        w[k] = w[k] - increment;
      }
    }
  });
}

Json RMSprop::get_config() const {
  Json config = Optimizer::get_config();
  config["rho"] = rho_;
  config["momentum"] = momentum_;
  config["epsilon"] = epsilon_;
  config["centered"] = centered_;
  return config;
}

}  // namespace keras::optimizers
