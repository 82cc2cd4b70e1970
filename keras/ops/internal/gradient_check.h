// File: keras/ops/internal/gradient_check.h
// -----------------------------------------------------------------------------
// Test helper (GoogleTest): checks autograd's gradients of any function of
// tensors against central finite differences, in float64. Reuse it for
// layers, losses and custom ops:
//
//   keras::testing::expect_gradients_match(
//       [](const keras::Tensors& x) { return keras::ops::tanh(x[0]); },
//       {keras::Tensor::from_vector<double>({0.1, -0.4}, {2})});
//
// Float inputs are converted to float64 copies that require a gradient;
// integer inputs (indices, labels) are passed through unchanged and not
// differentiated. A non-scalar output y is reduced to sum(y * w) with fixed
// uneven weights w, so every output element's gradient is checked. The
// function must compute in float64 (pass float64 variables to layers).
// -----------------------------------------------------------------------------
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/ops/autograd.h"
#include "keras/ops/numpy.h"

namespace keras::testing {

// Differentiable scalar summary of y: sum(y * w), w fixed and uneven.
inline Tensor weighted_sum_for_gradient_check(const Tensor& y) {
  if (y.size() == 1) return ops::sum(y);
  Tensor w = Tensor::empty(y.shape(), DType::float64);
  double* p = w.data<double>();
  for (std::int64_t i = 0; i < w.size(); ++i) {
    p[i] = 0.5 + static_cast<double>((i * 7919) % 23) / 23.0;
  }
  return ops::sum(ops::multiply(y, w));
}

// Expects autograd::grad of f at `inputs` to match central differences with
// step `eps`, within tol * max(1, |numeric|) per element.
inline void expect_gradients_match(
    const std::function<Tensor(const Tensors&)>& f, Tensors inputs,
    double tol = 1e-6, double eps = 1e-6) {
  Tensors xs;
  Tensors sources;
  std::vector<std::size_t> source_index;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (is_float(inputs[i].dtype())) {
      Tensor x = inputs[i].astype(DType::float64).clone();
      x.set_requires_grad(true);
      xs.push_back(x);
      sources.push_back(x);
      source_index.push_back(i);
    } else {
      xs.push_back(inputs[i]);
    }
  }
  const Tensor y = f(xs);
  ASSERT_TRUE(y.defined());
  ASSERT_EQ(y.dtype(), DType::float64)
      << "the function must compute in float64 for a gradient check";
  const Tensors grads =
      autograd::grad(weighted_sum_for_gradient_check(y), sources);
  ASSERT_EQ(grads.size(), sources.size());

  autograd::NoGradGuard no_grad;
  auto loss_at = [&]() {
    return weighted_sum_for_gradient_check(f(xs)).item();
  };
  int failures = 0;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    Tensor& x = sources[s];
    ASSERT_EQ(grads[s].shape(), x.shape())
        << "gradient shape of input " << source_index[s];
    const std::vector<double> analytic = grads[s].to_double_vector();
    double* p = x.data<double>();
    for (std::int64_t j = 0; j < x.size(); ++j) {
      const double saved = p[j];
      p[j] = saved + eps;
      const double up = loss_at();
      p[j] = saved - eps;
      const double down = loss_at();
      p[j] = saved;
      const double numeric = (up - down) / (2 * eps);
      const double err = std::abs(analytic[j] - numeric);
      if (!(err <= tol * std::max(1.0, std::abs(numeric))) && failures++ < 10) {
        ADD_FAILURE() << "gradient of input " << source_index[s] << " element "
                      << j << ": autograd " << analytic[j]
                      << " vs finite differences " << numeric;
      }
    }
  }
}

}  // namespace keras::testing
