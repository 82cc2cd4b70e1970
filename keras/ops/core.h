// File: keras/ops/core.h
// -----------------------------------------------------------------------------
// keras::ops' core operations (Python: keras/src/ops/core.py).
// -----------------------------------------------------------------------------
#pragma once

#include "keras/backend/tensor.h"

namespace keras::ops {

// Converted copy; differentiable between float dtypes.
Tensor cast(const Tensor& x, DType dtype);
// The same values with no gradient history.
Tensor stop_gradient(const Tensor& x);
// A scalar tensor of x's dtype (float32 for non-float x).
Tensor scalar_like(double value, const Tensor& x);

}  // namespace keras::ops
