#include "keras/optimizers/lion.h"

#include "keras/core/error.h"
#include "keras/optimizers/internal/floating.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::values_of;

Lion::Lion(const LionOptions& options)
    : Optimizer(to_base_options(options), "Lion"),
      beta_1_(options.beta_1),
      beta_2_(options.beta_2) {
  if (beta_1_ <= 0 || beta_1_ > 1) {
    throw ValueError(
        str("Argument `beta_1` must be in the [0, 1] range. Otherwise, the "
            "optimizer degenerates to SignSGD. Received: beta_1=",
            Json(beta_1_).dump(), "."));
  }
}

void Lion::build_slots(const Variables& trainable_variables) {
  momentums_ = add_optimizer_variables(trainable_variables, {"momentum"})[0];
}

void Lion::update_step(std::size_t index, const Tensor& grad,
                       Variable& variable, float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T lr = static_cast<T>(learning_rate);
    const T b1 = static_cast<T>(beta_1_);
    const T b2 = static_cast<T>(beta_2_);
    const T one_minus_b1 = static_cast<T>(1.0 - beta_1_);
    const T one_minus_b2 = static_cast<T>(1.0 - beta_2_);
    T* w = values_of<T>(variable);
    T* m = values_of<T>(*momentums_[index]);
    const T* g = grad.data<T>();
    for (std::int64_t k = 0; k < grad.size(); ++k) {
      const T c = m[k] * b1 + g[k] * one_minus_b1;
      const T sign = c > 0 ? T(1) : (c < 0 ? T(-1) : T(0));
      w[k] = w[k] - sign * lr;
      m[k] = m[k] * b2 + g[k] * one_minus_b2;
    }
  });
}

Json Lion::get_config() const {
  Json config = Optimizer::get_config();
  config["beta_1"] = beta_1_;
  config["beta_2"] = beta_2_;
  return config;
}

}  // namespace keras::optimizers
