#include "keras/optimizers/adam.h"

#include <algorithm>
#include <cmath>

#include "keras/optimizers/internal/floating.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::values_of;

Adam::Adam(const AdamOptions& options)
    : Adam(to_base_options(options), "Adam", options.beta_1, options.beta_2,
           options.epsilon, options.amsgrad) {}

Adam::Adam(const OptimizerOptions& base, std::string_view keras_class_name,
           double beta_1, double beta_2, double epsilon, bool amsgrad)
    : Optimizer(base, keras_class_name),
      beta_1_(beta_1),
      beta_2_(beta_2),
      epsilon_(epsilon),
      amsgrad_(amsgrad) {}

void Adam::build_slots(const Variables& trainable_variables) {
  auto slots =
      add_optimizer_variables(trainable_variables, {"momentum", "velocity"});
  momentums_ = std::move(slots[0]);
  velocities_ = std::move(slots[1]);
  if (amsgrad_) {
    velocity_hats_ =
        add_optimizer_variables(trainable_variables, {"velocity_hat"})[0];
  }
}

void Adam::update_step(std::size_t index, const Tensor& grad,
                       Variable& variable, float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    // Scalars as Keras computes them: tensors of the variable's dtype.
    const T step = static_cast<T>(local_step());
    const T b1 = static_cast<T>(beta_1_);
    const T b2 = static_cast<T>(beta_2_);
    const T beta_1_power = std::pow(b1, step);
    const T beta_2_power = std::pow(b2, step);
    const T alpha = static_cast<T>(learning_rate) *
                    std::sqrt(T(1) - beta_2_power) / (T(1) - beta_1_power);
    // Python floats (1 - beta) rounded once to the dtype, as torch does.
    const T one_minus_b1 = static_cast<T>(1.0 - beta_1_);
    const T one_minus_b2 = static_cast<T>(1.0 - beta_2_);
    const T eps = static_cast<T>(epsilon_);

    T* w = values_of<T>(variable);
    T* m = values_of<T>(*momentums_[index]);
    T* v = values_of<T>(*velocities_[index]);
    T* v_hat = amsgrad_ ? values_of<T>(*velocity_hats_[index]) : nullptr;
    const T* g = grad.data<T>();
    const std::int64_t n = grad.size();
    for (std::int64_t k = 0; k < n; ++k) {
      m[k] = m[k] * b1 + one_minus_b1 * g[k];
      v[k] = v[k] * b2 + one_minus_b2 * (g[k] * g[k]);
      T denom_v = v[k];
      if (v_hat) {
        v_hat[k] = std::max(v_hat[k], v[k]);
        denom_v = v_hat[k];
      }
      w[k] = w[k] - (m[k] * alpha) / (std::sqrt(denom_v) + eps);
    }
  });
}

Json Adam::get_config() const {
  Json config = Optimizer::get_config();
  config["beta_1"] = beta_1_;
  config["beta_2"] = beta_2_;
  config["epsilon"] = epsilon_;
  config["amsgrad"] = amsgrad_;
  return config;
}

}  // namespace keras::optimizers
