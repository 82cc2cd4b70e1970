#include "keras/optimizers/adamax.h"

#include <algorithm>
#include <cmath>

#include "keras/optimizers/internal/floating.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::values_of;

Adamax::Adamax(const AdamaxOptions& options)
    : Optimizer(to_base_options(options), "Adamax"),
      beta_1_(options.beta_1),
      beta_2_(options.beta_2),
      epsilon_(options.epsilon) {}

void Adamax::build_slots(const Variables& trainable_variables) {
  auto slots =
      add_optimizer_variables(trainable_variables, {"momentum", "norm"});
  momentums_ = std::move(slots[0]);
  norms_ = std::move(slots[1]);
}

void Adamax::update_step(std::size_t index, const Tensor& grad,
                         Variable& variable, float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T lr = static_cast<T>(learning_rate);
    const T b1 = static_cast<T>(beta_1_);
    const T b2 = static_cast<T>(beta_2_);
    const T one_minus_b1 = static_cast<T>(1.0 - beta_1_);
    const T eps = static_cast<T>(epsilon_);
    const T correction = T(1) - std::pow(b1, static_cast<T>(local_step()));
    T* w = values_of<T>(variable);
    T* m = values_of<T>(*momentums_[index]);
    T* u = values_of<T>(*norms_[index]);
    const T* g = grad.data<T>();
    for (std::int64_t k = 0; k < grad.size(); ++k) {
      m[k] = m[k] * b1 + g[k] * one_minus_b1;
      u[k] = std::max(u[k] * b2, std::abs(g[k]));
      w[k] = w[k] - (m[k] * lr) / ((u[k] + eps) * correction);
    }
  });
}

Json Adamax::get_config() const {
  Json config = Optimizer::get_config();
  config["beta_1"] = beta_1_;
  config["beta_2"] = beta_2_;
  config["epsilon"] = epsilon_;
  return config;
}

}  // namespace keras::optimizers
