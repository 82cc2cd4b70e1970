// File: keras/metrics/internal/metric_utils.h
// -----------------------------------------------------------------------------
// Helpers for metrics whose state updates are counts rather than
// differentiable math (confusion matrices, F-scores, IoU, R2): they read the
// batch as float32 vectors and add to their state variables elementwise,
// in float32 as Keras does.
// -----------------------------------------------------------------------------
#pragma once

#include <vector>

#include "keras/backend/tensor.h"
#include "keras/backend/variable.h"
#include "keras/ops/core.h"

namespace keras::metrics::internal {

// The values of `x` as float32, C order.
inline std::vector<float> floats_of(const Tensor& x) {
  const Tensor f =
      x.dtype() == DType::float32 ? x : ops::cast(x, DType::float32);
  const float* p = f.data<float>();
  return std::vector<float>(p, p + f.size());
}

inline Tensor float_tensor(const std::vector<float>& values,
                           const Shape& shape) {
  return Tensor::from_vector<float>(values, shape);
}

// variable += delta (float32 variables of delta.size() elements).
inline void add_to(Variable& variable, const std::vector<float>& delta) {
  std::vector<float> v = floats_of(variable.value());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] += delta[i];
  variable.assign(float_tensor(v, variable.shape()));
}

// Keras' divide_no_nan: 0 where the divisor is 0.
inline float divide_no_nan(float x, float y) { return y == 0 ? 0.0f : x / y; }

}  // namespace keras::metrics::internal
