// Normalization ops of normalization.h, written with numpy.h ops so that
// shape inference and gradients come from them.
#include "keras/ops/normalization.h"

#include "keras/core/error.h"
#include "keras/ops/core.h"
#include "keras/ops/internal/common.h"
#include "keras/ops/operators.h"

namespace keras::ops {

namespace {

// x's shape with 1 everywhere except `axes` (kept at x's size), so that a
// parameter of the axes' dims broadcasts against x.
Shape broadcast_shape(const Tensor& x, const Axes& axes, const char* op) {
  Shape shape(x.shape().size(), 1);
  for (int a : internal::normalize_axes(axes, x.shape().size(), op)) {
    shape[a] = x.shape()[a];
  }
  return shape;
}

// `v` reshaped to broadcast against x (unless it already has x's rank).
Tensor along(const Tensor& v, const Shape& shape) {
  if (!v.defined() || v.ndim() == std::int64_t(shape.size())) return v;
  return reshape(v, shape);
}

}  // namespace

Tensor rsqrt(const Tensor& x) { return 1.0 / sqrt(x); }

std::pair<Tensor, Tensor> moments(const Tensor& x, const Axes& axes,
                                  bool keepdims) {
  const Tensor m = mean(x, axes, true);
  Tensor variance = mean(square(x), axes, true) - square(m);
  if (keepdims) return {m, variance};
  // Empty `axes` reduced every axis: the results are scalars.
  if (axes.empty()) return {reshape(m, {}), reshape(variance, {})};
  return {squeeze(m, axes), squeeze(variance, axes)};
}

Tensor batch_normalization(const Tensor& x, const Tensor& mean,
                           const Tensor& variance, std::int64_t axis,
                           const Tensor& offset, const Tensor& scale,
                           double epsilon) {
  internal::check_defined("batch_normalization", {&x, &mean, &variance});
  const Shape shape = broadcast_shape(x, {axis}, "batch_normalization");
  Tensor inv = rsqrt(along(variance, shape) + epsilon);
  if (scale.defined()) inv = inv * along(scale, shape);
  Tensor y = (x - along(mean, shape)) * inv;
  if (offset.defined()) y = y + along(offset, shape);
  return y;
}

Tensor layer_normalization(const Tensor& x, const Tensor& gamma,
                           const Tensor& beta, const Axes& axes, double epsilon,
                           bool rms_scaling) {
  internal::check_defined("layer_normalization", {&x});
  const Shape shape = broadcast_shape(x, axes, "layer_normalization");
  const Tensor g = along(gamma, shape);
  if (rms_scaling) {
    Tensor y = x * rsqrt(var(x, axes, true) + epsilon);
    return g.defined() ? y * g : y;
  }
  // Two-pass variance, as PyTorch's layer_norm kernel (stable for inputs
  // with a large mean).
  const Tensor m = mean(x, axes, true);
  Tensor inv = rsqrt(var(x, axes, true) + epsilon);
  if (g.defined()) inv = inv * g;
  Tensor res = -m * inv;
  if (beta.defined()) res = res + along(beta, shape);
  return x * inv + res;
}

Tensor rms_normalization(const Tensor& x, const Tensor& scale, const Axes& axes,
                         double epsilon) {
  internal::check_defined("rms_normalization", {&x});
  Tensor y = x * rsqrt(mean(square(x), axes, true) + epsilon);
  return scale.defined() ? y * scale : y;
}

Tensor normalize(const Tensor& x, const Axes& axes, double epsilon) {
  internal::check_defined("normalize", {&x});
  const Tensor inv =
      minimum(rsqrt(sum(square(x), axes, true)), scalar_like(1.0 / epsilon, x));
  return x * inv;
}

}  // namespace keras::ops
