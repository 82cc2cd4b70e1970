// Normalization ops of normalization.h, written with numpy.h ops so that
// shape inference and gradients come from them.
#include "keras/ops/normalization.h"

#include <algorithm>
#include <utility>
#include <vector>

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

// The (outer, channels, inner) view of a tensor around a channel axis.
struct ChannelView {
  std::int64_t outer = 1, channels = 1, inner = 1;
  std::int64_t row() const { return channels * inner; }
};

int parts_for(const ChannelView& v) {
  return int(std::clamp<std::int64_t>(v.outer * v.row() / (1 << 16), 1,
                                      internal::num_threads()));
}

// Per-channel sums s1 += u, s2 += w over all elements, where (u, w) =
// f(x index, channel) in double; each part sums its rows, the parts are
// added in order at the end.
template <class F>
void channel_sums(const ChannelView& v, F f, std::vector<double>& s1,
                  std::vector<double>& s2) {
  const int parts = parts_for(v);
  const auto n = static_cast<std::size_t>(v.channels);
  std::vector<std::vector<double>> a(static_cast<std::size_t>(parts)),
      b(static_cast<std::size_t>(parts));
  internal::parallel_for(parts, [&](int p) {
    std::vector<double>& pa = a[std::size_t(p)];
    std::vector<double>& pb = b[std::size_t(p)];
    pa.assign(n, 0.0);
    pb.assign(n, 0.0);
    double* sa = pa.data();
    double* sb = pb.data();
    const std::int64_t r0 = v.outer * p / parts, r1 = v.outer * (p + 1) / parts;
    for (std::int64_t r = r0; r < r1; ++r) {
      const std::int64_t base = r * v.row();
      if (v.inner == 1) {
        for (std::int64_t c = 0; c < v.channels; ++c) {
          const auto [u, w] = f(base + c, c);
          sa[c] += u;
          sb[c] += w;
        }
        continue;
      }
      for (std::int64_t c = 0; c < v.channels; ++c) {
        double u_sum = 0, w_sum = 0;
        for (std::int64_t i = 0; i < v.inner; ++i) {
          const auto [u, w] = f(base + c * v.inner + i, c);
          u_sum += u;
          w_sum += w;
        }
        sa[c] += u_sum;
        sb[c] += w_sum;
      }
    }
  });
  s1.assign(n, 0.0);
  s2.assign(n, 0.0);
  for (int p = 0; p < parts; ++p) {
    for (std::size_t c = 0; c < n; ++c) {
      s1[c] += a[std::size_t(p)][c];
      s2[c] += b[std::size_t(p)][c];
    }
  }
}

// out[i] = f(i, c) for every element (c its channel), in parallel.
template <class T, class F>
void channel_map(const ChannelView& v, T* out, F f) {
  const int parts = parts_for(v);
  internal::parallel_for(parts, [&](int p) {
    const std::int64_t r0 = v.outer * p / parts, r1 = v.outer * (p + 1) / parts;
    for (std::int64_t r = r0; r < r1; ++r) {
      const std::int64_t base = r * v.row();
      T* o = out + base;
      if (v.inner == 1) {
        for (std::int64_t c = 0; c < v.channels; ++c) o[c] = f(base + c, c);
        continue;
      }
      for (std::int64_t c = 0; c < v.channels; ++c) {
        for (std::int64_t i = 0; i < v.inner; ++i) {
          o[c * v.inner + i] = f(base + c * v.inner + i, c);
        }
      }
    }
  });
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

std::array<Tensor, 3> batch_normalization_with_moments(const Tensor& x,
                                                       std::int64_t axis,
                                                       const Tensor& offset,
                                                       const Tensor& scale,
                                                       double epsilon) {
  internal::check_defined("batch_normalization_with_moments", {&x});
  const int ax = internal::normalize_axis_for(axis, x.shape().size(),
                                              "batch_normalization");
  if (x.is_symbolic() ||
      (x.dtype() != DType::float32 && x.dtype() != DType::float64)) {
    throw TypeError(
        str("batch_normalization_with_moments: expected a "
            "concrete float32 or float64 tensor, got ",
            dtype_name(x.dtype())));
  }
  ChannelView view;
  for (int i = 0; i < ax; ++i) view.outer *= x.dim(i);
  for (std::int64_t i = ax + 1; i < x.ndim(); ++i) view.inner *= x.dim(i);
  view.channels = x.dim(ax);
  const double count = double(view.outer * view.inner);
  const Shape param{view.channels};
  Tensor mean = Tensor::empty(param, x.dtype());
  Tensor variance = Tensor::empty(param, x.dtype());
  Tensor inv, rs;  // rsqrt(variance + epsilon), times scale for inv
  Tensor y = Tensor::empty(x.shape(), x.dtype());
  internal::dispatch_float(x.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* xs = x.data<T>();
    std::vector<double> sum, sum_sq;
    channel_sums(
        view,
        [xs](std::int64_t i, std::int64_t) {
          const double v = xs[i];
          return std::pair<double, double>(v, v * v);
        },
        sum, sum_sq);
    // Keras' moments: mean(x^2) - mean(x)^2, rounded to T as the ops do.
    T* m = mean.data<T>();
    T* var = variance.data<T>();
    for (std::int64_t c = 0; c < view.channels; ++c) {
      m[c] = T(sum[std::size_t(c)] / count);
      var[c] = T(sum_sq[std::size_t(c)] / count) - m[c] * m[c];
    }
  });
  {
    autograd::NoGradGuard no_grad;
    rs = rsqrt(variance + epsilon);
    inv = scale.defined() ? rs * scale : rs;
  }
  internal::dispatch_float(x.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* xs = x.data<T>();
    const T* m = mean.data<T>();
    const T* s = inv.data<T>();
    if (offset.defined()) {
      const T* b = offset.data<T>();
      channel_map(view, y.data<T>(), [=](std::int64_t i, std::int64_t c) {
        const T v = (xs[i] - m[c]) * s[c];
        return v + b[c];
      });
    } else {
      channel_map(view, y.data<T>(), [=](std::int64_t i, std::int64_t c) {
        return (xs[i] - m[c]) * s[c];
      });
    }
  });
  Tensors inputs{x};
  if (offset.defined()) inputs.push_back(offset);
  if (scale.defined()) inputs.push_back(scale);
  const bool has_offset = offset.defined(), has_scale = scale.defined();
  y = autograd::record(
      y, inputs,
      [x, mean, rs, inv, has_offset, has_scale, view, count](const Tensor& g0) {
        const Tensor g = internal::convert(g0, x.dtype());
        Tensor dx = Tensor::empty(x.shape(), x.dtype());
        Tensor dbeta = Tensor::empty({view.channels}, x.dtype());
        Tensor dgamma = Tensor::empty({view.channels}, x.dtype());
        internal::dispatch_float(x.dtype(), [&](auto zero) {
          using T = decltype(zero);
          const T* xs = x.data<T>();
          const T* gs = g.data<T>();
          const T* m = mean.data<T>();
          const T* r = rs.data<T>();
          const T* s = inv.data<T>();
          // sum(g) and sum(g * xhat), xhat = (x - mean) * rs.
          std::vector<double> sg, sgx;
          channel_sums(
              view,
              [=](std::int64_t i, std::int64_t c) {
                const double gv = gs[i];
                const double xhat = (double(xs[i]) - double(m[c])) * r[c];
                return std::pair<double, double>(gv, gv * xhat);
              },
              sg, sgx);
          const auto n = static_cast<std::size_t>(view.channels);
          std::vector<T> mg(n), mgx(n);
          for (std::size_t c = 0; c < n; ++c) {
            dbeta.data<T>()[c] = T(sg[c]);
            dgamma.data<T>()[c] = T(sgx[c]);
            mg[c] = T(sg[c] / count);
            mgx[c] = T(sgx[c] / count);
          }
          // dx = inv * (g - mean(g) - xhat * mean(g * xhat)).
          const T* a = mg.data();
          const T* b = mgx.data();
          channel_map(view, dx.data<T>(), [=](std::int64_t i, std::int64_t c) {
            const T xhat = (xs[i] - m[c]) * r[c];
            return s[c] * (gs[i] - a[c] - xhat * b[c]);
          });
        });
        Tensors grads{dx};
        if (has_offset) grads.push_back(dbeta);
        if (has_scale) grads.push_back(dgamma);
        return grads;
      },
      "batch_normalization");
  return {y, mean, variance};
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
