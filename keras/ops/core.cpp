#include "keras/ops/core.h"

#include "keras/ops/autograd.h"
#include "keras/ops/internal/common.h"

namespace keras::ops {

Tensor cast(const Tensor& x, DType dtype) {
  internal::check_defined("cast", {&x});
  if (x.is_symbolic()) return Tensor::symbolic(x.shape(), dtype);
  if (x.dtype() == dtype) return x;
  const DType from = x.dtype();
  Tensor out = x.astype(dtype);
  if (!is_float(dtype) || !is_float(from)) return out;  // no gradient
  return autograd::record(
      out, {x}, [from](const Tensor& g) { return Tensors{cast(g, from)}; },
      "cast");
}

Tensor stop_gradient(const Tensor& x) {
  internal::check_defined("stop_gradient", {&x});
  if (x.is_symbolic()) return Tensor::symbolic(x.shape(), x.dtype());
  return x.view(x.shape());  // shares the values, drops grad_fn
}

Tensor scalar_like(double value, const Tensor& x) {
  internal::check_defined("scalar_like", {&x});
  return Tensor::scalar(value,
                        is_float(x.dtype()) ? x.dtype() : DType::float32);
}

}  // namespace keras::ops
