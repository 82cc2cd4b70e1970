#include "keras/ops/operators.h"

#include <cmath>

#include "keras/ops/internal/common.h"
#include "keras/ops/numpy.h"

namespace keras {

namespace {

// A double operand is a "weak" Python scalar: it takes the tensor's dtype,
// except that a fractional value promotes an int/bool tensor to float32
// (as `int_tensor * 0.5` does in Keras).
Tensor weak_scalar(double value, const Tensor& like) {
  if (!like.defined()) {
    throw ValueError("Arithmetic on an undefined (empty) Tensor.");
  }
  const DType d = like.dtype();
  if (is_float(d)) return Tensor::scalar(value, d);
  if (std::nearbyint(value) == value) {
    return Tensor::scalar(value, d == DType::bool_ ? DType::int32 : d);
  }
  return Tensor::scalar(value, DType::float32);
}

}  // namespace

Tensor operator+(const Tensor& a, const Tensor& b) { return ops::add(a, b); }
Tensor operator-(const Tensor& a, const Tensor& b) {
  return ops::subtract(a, b);
}
Tensor operator*(const Tensor& a, const Tensor& b) {
  return ops::multiply(a, b);
}
Tensor operator/(const Tensor& a, const Tensor& b) { return ops::divide(a, b); }
Tensor operator-(const Tensor& x) { return ops::negative(x); }

Tensor operator+(const Tensor& a, double b) {
  return ops::add(a, weak_scalar(b, a));
}
Tensor operator-(const Tensor& a, double b) {
  return ops::subtract(a, weak_scalar(b, a));
}
Tensor operator*(const Tensor& a, double b) {
  return ops::multiply(a, weak_scalar(b, a));
}
Tensor operator/(const Tensor& a, double b) {
  return ops::divide(a, weak_scalar(b, a));
}
Tensor operator+(double a, const Tensor& b) {
  return ops::add(weak_scalar(a, b), b);
}
Tensor operator-(double a, const Tensor& b) {
  return ops::subtract(weak_scalar(a, b), b);
}
Tensor operator*(double a, const Tensor& b) {
  return ops::multiply(weak_scalar(a, b), b);
}
Tensor operator/(double a, const Tensor& b) {
  return ops::divide(weak_scalar(a, b), b);
}

}  // namespace keras
