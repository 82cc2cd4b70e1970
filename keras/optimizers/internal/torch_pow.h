// File: keras/optimizers/internal/torch_pow.h
// -----------------------------------------------------------------------------
// x ** e as torch computes a tensor to a scalar power: the exponents 0.5,
// -0.5, 2, -1, -2 and 1 take exact special paths (sqrt, 1/sqrt, x*x, ...)
// instead of std::pow, which can differ by an ulp. Optimizers whose Keras
// update uses ops.power (Ftrl, Adafactor) call it to stay bit-close.
// -----------------------------------------------------------------------------
#pragma once

#include <cmath>

namespace keras::optimizers::internal {

template <class T>
T torch_pow(T x, T e) {
  if (e == T(0.5)) return std::sqrt(x);
  if (e == T(-0.5)) return T(1) / std::sqrt(x);
  if (e == T(1)) return x;
  if (e == T(2)) return x * x;
  if (e == T(-1)) return T(1) / x;
  if (e == T(-2)) return T(1) / (x * x);
  return std::pow(x, e);
}

}  // namespace keras::optimizers::internal
