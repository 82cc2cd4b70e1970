// File: keras/losses/internal/loss_utils.h
// -----------------------------------------------------------------------------
// Small helpers shared by the loss function families (regression,
// probabilistic, hinge, segmentation) and the metrics built on them.
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/backend/tensor.h"
#include "keras/core/json.h"
#include "keras/ops/core.h"

namespace keras::losses::internal {

// Keras' backend.epsilon().
inline constexpr double kEpsilon = 1e-7;

inline Tensor cast_to(const Tensor& x, DType dtype) {
  return x.dtype() == dtype ? x : ops::cast(x, dtype);
}

// Keras converts y_pred to a tensor: float32/float64 stay, other dtypes
// (ints, half floats) become float32.
inline Tensor float_pred(const Tensor& y_pred) {
  return y_pred.dtype() == DType::float32 || y_pred.dtype() == DType::float64
             ? y_pred
             : ops::cast(y_pred, DType::float32);
}

// A scalar of `x`'s dtype (keeps float64 gradient checks in float64).
inline Tensor scalar_of(double value, const Tensor& x) {
  return Tensor::scalar(value, x.dtype());
}

}  // namespace keras::losses::internal

namespace keras::losses::internal {

// The dtype name of a loss/metric config's "dtype" entry: a string or a
// DTypePolicy record ({"config": {"name": "float32"}}); "" otherwise.
inline std::string dtype_name_of(const Json& d) {
  if (d.is_string()) return d.get<std::string>();
  if (d.is_object() && d.contains("config") && d["config"].is_object()) {
    return d["config"].value("name", "");
  }
  return "";
}

// Keras' ops.normalize(x, axis, order=2): x * min(rsqrt(sum(x^2)), 1/eps).
Tensor l2_normalize(const Tensor& x, std::int64_t axis);

}  // namespace keras::losses::internal
