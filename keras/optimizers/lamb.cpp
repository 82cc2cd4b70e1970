#include "keras/optimizers/lamb.h"

#include <cmath>
#include <vector>

#include "keras/optimizers/internal/floating.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::values_of;

Lamb::Lamb(const LambOptions& options)
    : Optimizer(to_base_options(options), "Lamb"),
      beta_1_(options.beta_1),
      beta_2_(options.beta_2),
      epsilon_(options.epsilon) {}

void Lamb::build_slots(const Variables& trainable_variables) {
  auto slots =
      add_optimizer_variables(trainable_variables, {"momentum", "velocity"});
  momentums_ = std::move(slots[0]);
  velocities_ = std::move(slots[1]);
}

void Lamb::update_step(std::size_t index, const Tensor& grad,
                       Variable& variable, float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T lr = static_cast<T>(learning_rate);
    const T step = static_cast<T>(local_step());
    const T m_correction = T(1) - std::pow(static_cast<T>(beta_1_), step);
    const T v_correction = T(1) - std::pow(static_cast<T>(beta_2_), step);
    const T one_minus_b1 = static_cast<T>(1.0 - beta_1_);
    const T one_minus_b2 = static_cast<T>(1.0 - beta_2_);
    const T eps = static_cast<T>(epsilon_);
    T* w = values_of<T>(variable);
    T* m = values_of<T>(*momentums_[index]);
    T* v = values_of<T>(*velocities_[index]);
    const T* g = grad.data<T>();
    const std::int64_t n = grad.size();
    std::vector<T> update(n);
    // Norms summed in double, then rounded (torch sums float32 pairwise).
    double w_squares = 0, u_squares = 0;
    for (std::int64_t k = 0; k < n; ++k) {
      m[k] = m[k] + (g[k] - m[k]) * one_minus_b1;
      v[k] = v[k] + (g[k] * g[k] - v[k]) * one_minus_b2;
      update[k] =
          (m[k] / m_correction) / (std::sqrt(v[k] / v_correction) + eps);
      w_squares += static_cast<double>(w[k]) * w[k];
      u_squares += static_cast<double>(update[k]) * update[k];
    }
    const T w_norm = std::sqrt(static_cast<T>(w_squares));
    const T u_norm = std::sqrt(static_cast<T>(u_squares));
    const T ratio = (w_norm > 0 && u_norm > 0) ? w_norm / u_norm : T(1);
    const T scale = ratio * lr;
    for (std::int64_t k = 0; k < n; ++k) w[k] = w[k] - scale * update[k];
  });
}

Json Lamb::get_config() const {
  Json config = Optimizer::get_config();
  config["beta_1"] = beta_1_;
  config["beta_2"] = beta_2_;
  config["epsilon"] = epsilon_;
  return config;
}

}  // namespace keras::optimizers
