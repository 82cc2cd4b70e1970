// File: keras/ops/internal/common.h
// -----------------------------------------------------------------------------
// Helpers shared by the keras::ops implementation files: argument checks,
// dtype promotion (numpy.h's rules), axis normalisation and a dispatch over
// the float dtypes. Not part of the public API.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/ops/numpy.h"

namespace keras::ops::internal {

// Throws ValueError "<op>: received an undefined tensor" if any is undefined.
void check_defined(const char* op, std::initializer_list<const Tensor*> xs);
bool any_symbolic(std::initializer_list<const Tensor*> xs);

// The dtype an op computes in: bfloat16/float16 become float32.
DType compute_dtype(DType d);
// Common dtype of a binary op (bool < uint8 < int8 < int32 < int64 <
// float32 < float64), after compute_dtype.
DType promote_types(DType a, DType b);
// compute_dtype, and float32 for ints/bool (ops like exp, sqrt, divide).
DType float_dtype(DType d);

// x converted to `dtype` (x itself when it already has it). Concrete only.
inline Tensor convert(const Tensor& x, DType dtype) {
  return x.dtype() == dtype ? x : x.astype(dtype);
}

// Sorted, unique, non-negative axes; empty `axes` means all of them.
// Throws ValueError naming `op` on out-of-range or repeated axes.
std::vector<int> normalize_axes(const Axes& axes, std::size_t rank,
                                const char* op);
int normalize_axis_for(std::int64_t axis, std::size_t rank, const char* op);

// Product of dims, or -1 if any is unknown.
std::int64_t known_size(const Shape& shape);

// x's elements permuted like NumPy's transpose(x, perm) (a copy; any dtype,
// including bfloat16). Not recorded by autograd.
Tensor permute(const Tensor& x, const std::vector<int>& perm);

// Calls f(U{}) with U an unsigned integer as wide as one element of a
// dtype: for kernels that only move elements (copy, gather, transpose).
template <class F>
decltype(auto) dispatch_bytes(DType dtype, F&& f) {
  // Strings are objects: they move by assignment, not as bytes.
  if (dtype == DType::string) return f(std::string{});
  switch (dtype_size(dtype)) {
    case 1:
      return f(std::uint8_t{});
    case 2:
      return f(std::uint16_t{});
    case 4:
      return f(std::uint32_t{});
    default:
      return f(std::uint64_t{});
  }
}

// Calls f(T{}) for T = float or double; other dtypes are an internal error
// (callers convert first).
template <class F>
decltype(auto) dispatch_float(DType dtype, F&& f) {
  if (dtype == DType::float64) return f(double{});
  if (dtype != DType::float32) {
    throw TypeError(
        str("internal: expected a float dtype, got ", dtype_name(dtype)));
  }
  return f(float{});
}

}  // namespace keras::ops::internal
