// File: keras/optimizers/internal/floating.h
// -----------------------------------------------------------------------------
// Helpers shared by the optimizer kernels: dispatch on a floating dtype and
// typed element access to variables and gradients. Optimizer updates run as
// plain loops in the variable's dtype (float32 math, like the torch backend's
// foreach kernels that produced the reference numbers), without autograd.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>

#include "keras/backend/tensor.h"
#include "keras/backend/variable.h"
#include "keras/core/error.h"

namespace keras::optimizers::internal {

// Calls f(T{}) with T = float or double for float32/float64; optimizers only
// update floating-point variables.
template <class F>
void dispatch_floating(DType dtype, F&& f) {
  switch (dtype) {
    case DType::float32:
      f(float{});
      return;
    case DType::float64:
      f(double{});
      return;
    default:
      throw NotImplementedError(
          str("Optimizers can only update float32 and float64 variables. "
              "Received: dtype=",
              dtype_name(dtype)));
  }
}

// Mutable typed pointer to a variable's storage (its identity is kept).
template <class T>
T* values_of(const Variable& variable) {
  Tensor value = variable.value();
  return value.data<T>();
}

template <class T>
T* values_of(const VariablePtr& variable) {
  return values_of<T>(*variable);
}

}  // namespace keras::optimizers::internal
