#include "keras/optimizers/adafactor.h"

#include <algorithm>
#include <cmath>

#include "keras/optimizers/internal/floating.h"
#include "keras/optimizers/internal/torch_pow.h"

namespace keras::optimizers {

using internal::dispatch_floating;
using internal::torch_pow;
using internal::values_of;

namespace {

// sqrt(mean(x^2)), summed in double and rounded to T.
template <class T>
T rms(const T* x, std::int64_t n) {
  double total = 0;
  for (std::int64_t k = 0; k < n; ++k)
    total += static_cast<double>(x[k]) * x[k];
  return std::sqrt(static_cast<T>(total / static_cast<double>(n)));
}

}  // namespace

Adafactor::Adafactor(const AdafactorOptions& options)
    : Optimizer(to_base_options(options), "Adafactor"), o_(options) {}

void Adafactor::build_slots(const Variables& trainable_variables) {
  for (const auto& var : trainable_variables) {
    const Shape& shape = var->shape();
    if (shape.size() < 2) {
      r_.push_back(
          add_attribute_variable(Tensor::scalar(0, DType::int32), var->name()));
      c_.push_back(
          add_attribute_variable(Tensor::scalar(0, DType::int32), var->name()));
    } else {
      const Shape r_shape(shape.begin(), shape.end() - 1);
      Shape c_shape(shape.begin(), shape.end() - 2);
      c_shape.push_back(shape.back());
      r_.push_back(
          add_variable(Tensor::zeros(r_shape, var->dtype()), var->name()));
      c_.push_back(
          add_variable(Tensor::zeros(c_shape, var->dtype()), var->name()));
    }
    v_.push_back(add_variable_from_reference(*var, "velocity"));
  }
}

void Adafactor::update_step(std::size_t index, const Tensor& grad,
                            Variable& variable, float learning_rate) {
  dispatch_floating(variable.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T step = static_cast<T>(local_step());
    const T inverse_sqrt_step = T(1) / std::sqrt(step);
    T lr = static_cast<T>(learning_rate);
    if (!learning_rate_schedule() && o_.relative_step) {
      lr = std::min(lr, inverse_sqrt_step);
    }
    const T rho = std::min(lr, inverse_sqrt_step);
    T* w = values_of<T>(variable);
    const T* g = grad.data<T>();
    const std::int64_t n = grad.size();
    const T alpha = std::max(static_cast<T>(o_.epsilon_2), rms(w, n)) * rho;
    const T eps_1 = static_cast<T>(o_.epsilon_1);
    const T b = T(1) - torch_pow(step, static_cast<T>(o_.beta_2_decay));
    const T one_minus_b = T(1) - b;
    std::vector<T> regulated(n);
    for (std::int64_t k = 0; k < n; ++k) regulated[k] = g[k] * g[k] + eps_1;

    T* v = values_of<T>(*v_[index]);
    const Shape& shape = variable.shape();
    if (shape.size() >= 2) {
      const std::int64_t rows = shape[shape.size() - 2];
      const std::int64_t cols = shape.back();
      const std::int64_t batches = n / (rows * cols);
      T* r = values_of<T>(*r_[index]);
      T* c = values_of<T>(*c_[index]);
      for (std::int64_t bt = 0; bt < batches; ++bt) {
        const T* G = regulated.data() + bt * rows * cols;
        T* rb = r + bt * rows;
        T* cb = c + bt * cols;
        for (std::int64_t i = 0; i < rows; ++i) {
          double sum = 0;
          for (std::int64_t j = 0; j < cols; ++j) sum += G[i * cols + j];
          rb[i] = b * rb[i] + one_minus_b * static_cast<T>(sum / cols);
        }
        for (std::int64_t j = 0; j < cols; ++j) {
          double sum = 0;
          for (std::int64_t i = 0; i < rows; ++i) sum += G[i * cols + j];
          cb[j] = b * cb[j] + one_minus_b * static_cast<T>(sum / rows);
        }
        double r_sum = 0;
        for (std::int64_t i = 0; i < rows; ++i) r_sum += rb[i];
        const T r_mean = static_cast<T>(r_sum / rows);
        T* vb = v + bt * rows * cols;
        for (std::int64_t i = 0; i < rows; ++i) {
          for (std::int64_t j = 0; j < cols; ++j) {
            vb[i * cols + j] = (rb[i] / r_mean) * cb[j];
          }
        }
      }
    } else {
      for (std::int64_t k = 0; k < n; ++k) {
        v[k] = b * v[k] + one_minus_b * regulated[k];
      }
    }
    std::vector<T> u(n);
    for (std::int64_t k = 0; k < n; ++k) u[k] = g[k] / std::sqrt(v[k]);
    const T denominator =
        std::max(T(1), rms(u.data(), n) / static_cast<T>(o_.clip_threshold));
    for (std::int64_t k = 0; k < n; ++k) {
      w[k] = w[k] - alpha * (u[k] / denominator);
    }
  });
}

Json Adafactor::get_config() const {
  Json config = Optimizer::get_config();
  config["beta_2_decay"] = o_.beta_2_decay;
  config["epsilon_1"] = o_.epsilon_1;
  config["epsilon_2"] = o_.epsilon_2;
  config["clip_threshold"] = o_.clip_threshold;
  config["relative_step"] = o_.relative_step;
  return config;
}

}  // namespace keras::optimizers
