// File: keras/ops/numpy.h
// -----------------------------------------------------------------------------
// keras::ops' NumPy-like operations (Python: keras/src/ops/numpy.py).
//
// Every op:
//   * follows NumPy broadcasting for elementwise binary ops;
//   * accepts symbolic tensors (see backend/tensor.h): when any input is
//     symbolic it returns a symbolic result with the inferred shape and dtype
//     (unknown dims stay -1), validating what can be validated;
//   * records its gradient (ops/autograd.h) when an input requires one;
//   * throws keras::ValueError naming the op and the shapes on bad input.
// Dtypes: both operands of a binary op are promoted to a common dtype (bool <
// uint8 < int8 < int32 < int64 < float32 < float64); a double scalar operand
// takes the tensor's dtype (Python scalars are "weak" in Keras).
// bfloat16/float16 inputs compute in float32 and give float32 results
// (shape ops that only move elements, and creation ops, keep the dtype);
// cast back with ops::cast. Ops that only make sense on floats (exp, divide,
// mean, ...) compute int/bool inputs as float32.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "keras/backend/tensor.h"

namespace keras::ops {

using Axes = std::vector<std::int64_t>;  // empty = all axes

// ---- elementwise binary (broadcasting) ----
Tensor add(const Tensor& a, const Tensor& b);
Tensor subtract(const Tensor& a, const Tensor& b);
Tensor multiply(const Tensor& a, const Tensor& b);
Tensor divide(const Tensor& a, const Tensor& b);
Tensor power(const Tensor& a, const Tensor& b);
Tensor maximum(const Tensor& a, const Tensor& b);
Tensor minimum(const Tensor& a, const Tensor& b);
// Comparisons return bool tensors and have no gradient.
Tensor equal(const Tensor& a, const Tensor& b);
Tensor not_equal(const Tensor& a, const Tensor& b);
Tensor greater(const Tensor& a, const Tensor& b);
Tensor greater_equal(const Tensor& a, const Tensor& b);
Tensor less(const Tensor& a, const Tensor& b);
Tensor less_equal(const Tensor& a, const Tensor& b);
Tensor logical_and(const Tensor& a, const Tensor& b);
Tensor logical_or(const Tensor& a, const Tensor& b);
// cond ? a : b (broadcasting all three); gradient flows to a and b.
Tensor where(const Tensor& condition, const Tensor& a, const Tensor& b);

// ---- elementwise unary ----
Tensor negative(const Tensor& x);
Tensor abs(const Tensor& x);
Tensor sign(const Tensor& x);
Tensor square(const Tensor& x);
Tensor sqrt(const Tensor& x);
Tensor exp(const Tensor& x);
Tensor log(const Tensor& x);
Tensor log1p(const Tensor& x);
Tensor expm1(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor logical_not(const Tensor& x);
Tensor clip(const Tensor& x, double min_value, double max_value);
Tensor erf(const Tensor& x);
Tensor floor(const Tensor& x);  // no gradient (zero)
Tensor round(const Tensor& x);  // half to even; no gradient (zero)

// ---- linear algebra ----
// NumPy matmul: 1-D/2-D/N-D with broadcast batch dims. float32 uses sgemm.
Tensor matmul(const Tensor& a, const Tensor& b);

// ---- reductions ----
Tensor sum(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor mean(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
// Gradient goes to the (first) maximal element.
Tensor max(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor min(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
// Population variance (NumPy's var, ddof=0) and standard deviation.
Tensor var(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor std(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
// log(sum(exp(x))), computed stably.
Tensor logsumexp(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
// Bool reductions: whether any / all elements are non-zero.
Tensor any(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor all(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
// int32 indices of the maximum along `axis`; no gradient.
Tensor argmax(const Tensor& x, std::int64_t axis = -1, bool keepdims = false);
Tensor argmin(const Tensor& x, std::int64_t axis = -1, bool keepdims = false);

// ---- shape manipulation ----
// One dim of `shape` may be -1 (inferred), as in NumPy.
Tensor reshape(const Tensor& x, const Shape& shape);
// Empty `axes` reverses the dimensions.
Tensor transpose(const Tensor& x, const Axes& axes = {});
Tensor concatenate(const Tensors& xs, std::int64_t axis = 0);
// Joins same-shape tensors along a new axis.
Tensor stack(const Tensors& xs, std::int64_t axis = 0);
Tensor expand_dims(const Tensor& x, std::int64_t axis);
// Empty `axes` removes every size-1 dimension.
Tensor squeeze(const Tensor& x, const Axes& axes = {});
Tensor broadcast_to(const Tensor& x, const Shape& shape);
// x[..., start:stop, ...] along one axis (stop clipped to the size).
Tensor slice_axis(const Tensor& x, std::int64_t axis, std::int64_t start,
                  std::int64_t stop);
// NumPy take along `axis` with int32/int64 indices (gradient scatters-adds).
Tensor take(const Tensor& x, const Tensor& indices, std::int64_t axis = 0);
Tensor take_along_axis(const Tensor& x, const Tensor& indices,
                       std::int64_t axis);

// ---- creation ----
Tensor zeros_like(const Tensor& x);
Tensor ones_like(const Tensor& x);
Tensor full_like(const Tensor& x, double value);
// [start, stop) in steps of `step` (NumPy arange), as `dtype`.
Tensor arange(double start, double stop, double step = 1.0,
              DType dtype = DType::float32);

}  // namespace keras::ops
