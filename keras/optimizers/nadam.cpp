#include "keras/optimizers/nadam.h"

#include <cmath>

#include "keras/optimizers/internal/floating.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::values_of;

Nadam::Nadam(const NadamOptions& options)
    : Optimizer(to_base_options(options), "Nadam"),
      beta_1_(options.beta_1),
      beta_2_(options.beta_2),
      epsilon_(options.epsilon) {}

void Nadam::build_slots(const Variables& trainable_variables) {
  auto slots =
      add_optimizer_variables(trainable_variables, {"momentum", "velocity"});
  momentums_ = std::move(slots[0]);
  velocities_ = std::move(slots[1]);
  // Keras: backend.Variable(1.0, dtype=<first variable's dtype>).
  const DType dtype = trainable_variables.empty()
                          ? DType::float32
                          : trainable_variables.front()->dtype();
  u_product_ = add_attribute_variable(Tensor::scalar(1.0, dtype), "variable");
}

float Nadam::u(std::int64_t step) const {
  const float decay_power = std::pow(0.96f, static_cast<float>(step));
  return static_cast<float>(beta_1_) * (1.0f - 0.5f * decay_power);
}

void Nadam::before_update_steps() {
  const double product = u_product_->value().item();
  u_product_->assign(Tensor::scalar(
      static_cast<float>(product) * u(local_step()), u_product_->dtype()));
}

void Nadam::update_step(std::size_t index, const Tensor& grad,
                        Variable& variable, float learning_rate) {
  // u_product already holds P * u(t) (before_update_steps).
  const float u_t = u(local_step());
  const float u_t_1 = u(local_step() + 1);
  const float u_product_t = static_cast<float>(u_product_->value().item());
  const float u_product_t_1 = u_product_t * u_t_1;
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T lr = static_cast<T>(learning_rate);
    const T b1 = static_cast<T>(beta_1_);
    const T b2 = static_cast<T>(beta_2_);
    const T one_minus_b1 = static_cast<T>(1.0 - beta_1_);
    const T one_minus_b2 = static_cast<T>(1.0 - beta_2_);
    const T eps = static_cast<T>(epsilon_);
    const T beta_2_power = std::pow(b2, static_cast<T>(local_step()));
    const T m_denominator = T(1) - static_cast<T>(u_product_t_1);
    const T g_denominator = T(1) - static_cast<T>(u_product_t);
    const T g_factor = T(1) - static_cast<T>(u_t);
    const T v_denominator = T(1) - beta_2_power;
    T* w = values_of<T>(variable);
    T* m = values_of<T>(*momentums_[index]);
    T* v = values_of<T>(*velocities_[index]);
    const T* g = grad.data<T>();
    for (std::int64_t k = 0; k < grad.size(); ++k) {
      m[k] = m[k] * b1 + g[k] * one_minus_b1;
      v[k] = v[k] * b2 + (g[k] * g[k]) * one_minus_b2;
      const T m_hat = (m[k] * static_cast<T>(u_t_1)) / m_denominator +
                      (g[k] * g_factor) / g_denominator;
      const T v_hat = v[k] / v_denominator;
      w[k] = w[k] - (m_hat * lr) / (std::sqrt(v_hat) + eps);
    }
  });
}

Json Nadam::get_config() const {
  Json config = Optimizer::get_config();
  config["beta_1"] = beta_1_;
  config["beta_2"] = beta_2_;
  config["epsilon"] = epsilon_;
  return config;
}

}  // namespace keras::optimizers
