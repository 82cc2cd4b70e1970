// Normalization ops of normalization.h, written with numpy.h ops so that
// shape inference and gradients come from them.
#include "keras/ops/normalization.h"

#include <algorithm>

#include "keras/core/error.h"
#include "keras/ops/autograd.h"
#include "keras/ops/core.h"
#include "keras/ops/internal/common.h"
#include "keras/ops/internal/parallel.h"
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

// Whether batch_normalization can run as one pass over x: nothing records
// a gradient, and the parameters are 1-D tensors of x's float dtype and
// channel count (what BatchNormalization passes at inference).
bool fused_batch_norm_applies(const Tensor& x, std::int64_t axis,
                              std::initializer_list<const Tensor*> params) {
  if (x.is_symbolic() || !is_float(x.dtype()) ||
      internal::compute_dtype(x.dtype()) != x.dtype()) {
    return false;
  }
  const bool grad = autograd::is_grad_enabled();
  if (grad && x.requires_grad()) return false;
  for (const Tensor* p : params) {
    if (!p->defined()) continue;
    if (p->is_symbolic() || p->dtype() != x.dtype() || p->ndim() != 1 ||
        p->dim(0) != x.dim(axis) || (grad && p->requires_grad())) {
      return false;
    }
  }
  return true;
}

// y = (x - mean) * inv + offset per channel of `axis`, each step rounded
// as the separate broadcast ops round it. Parallel over the outer rows.
Tensor fused_batch_norm(const Tensor& x, std::int64_t axis, const Tensor& mean,
                        const Tensor& inv, const Tensor& offset) {
  std::int64_t outer = 1, inner = 1;
  for (std::int64_t i = 0; i < axis; ++i) outer *= x.dim(i);
  for (std::int64_t i = axis + 1; i < x.ndim(); ++i) inner *= x.dim(i);
  const std::int64_t channels = x.dim(axis);
  Tensor y = Tensor::empty(x.shape(), x.dtype());
  internal::dispatch_float(x.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* xs = x.data<T>();
    const T* m = mean.data<T>();
    const T* s = inv.data<T>();
    const T* b = offset.defined() ? offset.data<T>() : nullptr;
    T* ys = y.data<T>();
    const std::int64_t row = channels * inner;
    internal::parallel_ranges(
        outer,
        std::max<std::int64_t>(1, (1 << 16) / std::max<std::int64_t>(row, 1)),
        [&](std::int64_t r0, std::int64_t r1) {
          for (std::int64_t r = r0; r < r1; ++r) {
            const T* xr = xs + r * row;
            T* yr = ys + r * row;
            if (inner == 1) {  // channels last: vectorizes over channels
              if (b) {
                for (std::int64_t c = 0; c < channels; ++c) {
                  const T v = (xr[c] - m[c]) * s[c];
                  yr[c] = v + b[c];
                }
              } else {
                for (std::int64_t c = 0; c < channels; ++c) {
                  yr[c] = (xr[c] - m[c]) * s[c];
                }
              }
              continue;
            }
            for (std::int64_t c = 0; c < channels; ++c) {
              const T mc = m[c], sc = s[c], bc = b ? b[c] : T(0);
              const T* xc = xr + c * inner;
              T* yc = yr + c * inner;
              for (std::int64_t i = 0; i < inner; ++i) {
                const T v = (xc[i] - mc) * sc;
                yc[i] = b ? v + bc : v;
              }
            }
          }
        });
  });
  return y;
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
  const int ax = internal::normalize_axis_for(axis, x.shape().size(),
                                              "batch_normalization");
  if (fused_batch_norm_applies(x, ax, {&mean, &variance, &offset, &scale})) {
    // The per-channel factor by the same ops, then one pass over x.
    Tensor inv = rsqrt(variance + epsilon);
    if (scale.defined()) inv = inv * scale;
    return fused_batch_norm(x, ax, mean, inv, offset);
  }
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
