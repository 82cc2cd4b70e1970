// File: keras/ops/operators.h
// -----------------------------------------------------------------------------
// Arithmetic operators on keras::Tensor, so that math reads like math:
// `(x - mean) / ops::sqrt(var + eps)`. Each is the keras::ops function of the
// same meaning; a double operand becomes a scalar of the tensor's dtype
// ("weak", as Python scalars in Keras), except that a fractional value with
// an int/bool tensor gives float32 (`int_tensor * 0.5` is float32, as in
// Keras), and an integral one with a bool tensor gives int32.
// -----------------------------------------------------------------------------
#pragma once

#include "keras/backend/tensor.h"

namespace keras {

Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& x);
Tensor operator+(const Tensor& a, double b);
Tensor operator-(const Tensor& a, double b);
Tensor operator*(const Tensor& a, double b);
Tensor operator/(const Tensor& a, double b);
Tensor operator+(double a, const Tensor& b);
Tensor operator-(double a, const Tensor& b);
Tensor operator*(double a, const Tensor& b);
Tensor operator/(double a, const Tensor& b);

}  // namespace keras
