#include "keras/optimizers/sgd.h"

#include "keras/optimizers/internal/floating.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::values_of;

SGD::SGD(const SGDOptions& options)
    : Optimizer(to_base_options(options), "SGD"),
      momentum_(options.momentum),
      nesterov_(options.nesterov) {
  if (!(momentum_ >= 0 && momentum_ <= 1)) {
    throw ValueError("`momentum` must be a float between [0, 1].");
  }
}

void SGD::build_slots(const Variables& trainable_variables) {
  if (momentum_ != 0) {
    momentums_ = add_optimizer_variables(trainable_variables, {"momentum"})[0];
  }
}

void SGD::update_step(std::size_t index, const Tensor& grad, Variable& variable,
                      float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    T* w = values_of<T>(variable);
    const T* g = grad.data<T>();
    const std::int64_t n = grad.size();
    const T lr = static_cast<T>(learning_rate);
    if (momentum_ == 0) {
      for (std::int64_t k = 0; k < n; ++k) w[k] = w[k] - lr * g[k];
      return;
    }
    const T mu = static_cast<T>(momentum_);
    T* m = values_of<T>(*momentums_[index]);
    for (std::int64_t k = 0; k < n; ++k) {
      m[k] = m[k] * mu - lr * g[k];
      if (nesterov_) {
        w[k] = (w[k] - lr * g[k]) + mu * m[k];
      } else {
        w[k] = w[k] + m[k];
      }
    }
  });
}

Json SGD::get_config() const {
  Json config = Optimizer::get_config();
  config["momentum"] = momentum_;
  config["nesterov"] = nesterov_;
  return config;
}

}  // namespace keras::optimizers
