// Reductions of numpy.h: sum, mean, max, min, argmax, argmin.
//
// sum runs one strided pass (accumulating rows into the output); max/min and
// the arg-reductions first move the reduced axes last (a copy only when they
// are not already last) and then scan contiguous rows.
#include <cmath>
#include <limits>
#include <memory>
#include <type_traits>

#include "keras/ops/autograd.h"
#include "keras/ops/core.h"
#include "keras/ops/internal/kernels.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

using internal::convert;

namespace {

struct Reduction {
  std::vector<int> axes;   // sorted, normalised
  Shape kept;              // x's shape with reduced dims set to 1
  Shape out;               // kept, or without the reduced dims
  std::int64_t count = 1;  // elements per output (-1 if unknown)
};

Reduction plan(const char* op, const Tensor& x, const Axes& axes,
               bool keepdims) {
  internal::check_defined(op, {&x});
  Reduction r;
  r.axes = internal::normalize_axes(axes, x.shape().size(), op);
  r.kept = x.shape();
  for (int a : r.axes) {
    const std::int64_t d = x.shape()[a];
    r.count = (d < 0 || r.count < 0) ? -1 : r.count * d;
    r.kept[a] = 1;
  }
  if (keepdims) {
    r.out = r.kept;
  } else {
    std::size_t next = 0;
    for (std::size_t i = 0; i < x.shape().size(); ++i) {
      if (next < r.axes.size() && r.axes[next] == static_cast<int>(i)) {
        ++next;
      } else {
        r.out.push_back(x.shape()[i]);
      }
    }
  }
  return r;
}

// Sum's result dtype, as JAX/Keras: small ints and bool sum as int32.
DType sum_dtype(DType d) {
  d = internal::compute_dtype(d);
  if (is_float(d) || d == DType::int64) return d;
  return DType::int32;
}

// Sums with 8 independent accumulators: a single running sum is a serial
// dependency chain (one add latency per element); lanes pipeline.
template <class Acc, class T>
Acc contiguous_sum(const T* p, std::int64_t n) {
  Acc lanes[8] = {};
  std::int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int j = 0; j < 8; ++j) lanes[j] += p[i + j];
  }
  for (; i < n; ++i) lanes[0] += p[i];
  return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
         ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

template <class Acc, class T>
Acc strided_sum(const T* p, std::int64_t n, std::int64_t stride) {
  Acc acc = 0;
  for (std::int64_t i = 0; i < n; ++i) acc += p[i * stride];
  return acc;
}

// Sum of x (already in its result dtype) over r.axes into r.kept's shape.
Tensor sum_kernel(const Tensor& x, const Reduction& r) {
  Tensor out = Tensor::zeros(r.kept, x.dtype());
  dispatch_dtype(x.dtype(), [&](auto zero) {
    using T = decltype(zero);
    // Accumulate rows in double (floats) or int64 (ints) for accuracy.
    using Acc =
        std::conditional_t<std::is_floating_point_v<T>, double, std::int64_t>;
    const T* px = x.data<T>();
    T* po = out.data<T>();
    internal::Strides out_strides = internal::contiguous_strides(r.kept);
    for (int a : r.axes) out_strides[a] = 0;
    const std::array<internal::Strides, 2> strides = {
        internal::contiguous_strides(x.shape()), out_strides};
    internal::for_each_row<2>(
        x.shape(), strides,
        [&](const std::array<std::int64_t, 2>& off, std::int64_t n,
            const std::array<std::int64_t, 2>& st) {
          const T* p = px + off[0];
          T* o = po + off[1];
          if (st[1] == 0) {
            const Acc acc = st[0] == 1 ? contiguous_sum<Acc>(p, n)
                                       : strided_sum<Acc>(p, n, st[0]);
            *o = static_cast<T>(*o + acc);
          } else if (st[0] == 1 && st[1] == 1) {
            for (std::int64_t i = 0; i < n; ++i) o[i] += p[i];
          } else {
            for (std::int64_t i = 0; i < n; ++i) o[i * st[1]] += p[i * st[0]];
          }
        });
  });
  return out;
}

// g (shaped like the reduction's output) broadcast back over x's shape.
Tensor expand_grad(const Tensor& g, const Shape& kept, const Shape& x_shape) {
  return broadcast_to(reshape(g, kept), x_shape);
}

}  // namespace

Tensor sum(const Tensor& x, const Axes& axes, bool keepdims) {
  const Reduction r = plan("sum", x, axes, keepdims);
  const DType dt = sum_dtype(x.dtype());
  if (x.is_symbolic()) return Tensor::symbolic(r.out, dt);
  Tensor out = sum_kernel(convert(x, dt), r).view(r.out);
  const Shape x_shape = x.shape();
  return autograd::record(
      out, {x},
      [r, x_shape](const Tensor& g) {
        return Tensors{expand_grad(g, r.kept, x_shape)};
      },
      "sum");
}

Tensor mean(const Tensor& x, const Axes& axes, bool keepdims) {
  const Reduction r = plan("mean", x, axes, keepdims);
  const DType dt = internal::float_dtype(x.dtype());
  if (x.is_symbolic()) return Tensor::symbolic(r.out, dt);
  Tensor out = sum_kernel(convert(x, dt), r).view(r.out);
  const double scale = 1.0 / static_cast<double>(r.count);
  dispatch_dtype(dt, [&](auto zero) {
    using T = decltype(zero);
    T* p = out.data<T>();
    for (std::int64_t i = 0; i < out.size(); ++i) {
      p[i] = static_cast<T>(p[i] * scale);
    }
  });
  const Shape x_shape = x.shape();
  return autograd::record(
      out, {x},
      [r, x_shape, scale](const Tensor& g) {
        return Tensors{expand_grad(
            multiply(g, Tensor::scalar(scale, g.dtype())), r.kept, x_shape)};
      },
      "mean");
}

namespace {

// x with the reduced axes moved last, as `rows` contiguous rows of `len`.
struct Rows {
  Tensor data;
  std::int64_t rows = 0;
  std::int64_t len = 0;
  std::vector<int> perm;  // empty when no copy was needed
};

Rows as_rows(const Tensor& x, const std::vector<int>& axes) {
  Rows out;
  const int rank = static_cast<int>(x.shape().size());
  std::vector<int> perm;
  std::vector<bool> reduced(rank, false);
  for (int a : axes) reduced[a] = true;
  for (int i = 0; i < rank; ++i) {
    if (!reduced[i]) perm.push_back(i);
  }
  out.len = 1;
  for (int a : axes) {
    perm.push_back(a);
    out.len *= x.shape()[a];
  }
  out.rows = out.len == 0 ? 0 : x.size() / out.len;
  // Moving size-1 dims changes no memory order: only copy when needed.
  bool identity = true;
  int last = -1;
  for (int p : perm) {
    if (x.shape()[p] == 1) continue;
    if (p < last) identity = false;
    last = p;
  }
  if (identity) {
    out.data = x;
  } else {
    out.perm = perm;
    out.data = internal::permute(x, perm);
  }
  return out;
}

// max/min (want_max) over rows: values and, optionally, the position of the
// first extreme element in each row (NaN counts as extreme, as in NumPy).
template <class T>
void extreme_rows(const T* p, std::int64_t rows, std::int64_t len,
                  bool want_max, T* values, std::int64_t* positions) {
  for (std::int64_t r = 0; r < rows; ++r) {
    const T* row = p + r * len;
    T best = row[0];
    std::int64_t pos = 0;
    if (!internal::is_nan(best)) {
      for (std::int64_t k = 1; k < len; ++k) {
        const T v = row[k];
        if (internal::is_nan(v)) {
          best = v;
          pos = k;
          break;
        }
        if (want_max ? v > best : v < best) {
          best = v;
          pos = k;
        }
      }
    }
    if (values) values[r] = best;
    if (positions) positions[r] = pos;
  }
}

// v replaces the current extreme o (NaN always wins, as in NumPy).
template <class T>
bool replaces(T o, T v, bool want_max) {
  return internal::is_nan(v) || (want_max ? v > o : v < o);
}

// Max/min of a contiguous row; lanes keep the compare/select chains short.
template <class T>
T row_extreme(const T* p, std::int64_t n, T init, bool want_max) {
  T lanes[8];
  for (T& l : lanes) l = init;
  bool nan = false;
  std::int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int j = 0; j < 8; ++j) {
      const T v = p[i + j];
      nan = nan || internal::is_nan(v);
      lanes[j] = (want_max ? v > lanes[j] : v < lanes[j]) ? v : lanes[j];
    }
  }
  T best = init;
  for (; i < n; ++i) {
    if (replaces(best, p[i], want_max)) best = p[i];
  }
  for (const T& l : lanes) {
    if (replaces(best, l, want_max)) best = l;
  }
  if (nan && !internal::is_nan(best)) {
    for (std::int64_t k = 0; k < n; ++k) {
      if (internal::is_nan(p[k])) return p[k];
    }
  }
  return best;
}

// max/min of x over r.axes into r.kept's shape, no positions.
Tensor extreme_strided(const Tensor& x, const Reduction& r, bool want_max) {
  Tensor out = Tensor::empty(r.kept, x.dtype());
  dispatch_dtype(x.dtype(), [&](auto zero) {
    using T = decltype(zero);
    using Lim = std::numeric_limits<T>;
    T init;
    if constexpr (Lim::has_infinity) {
      init = want_max ? -Lim::infinity() : Lim::infinity();
    } else {
      init = want_max ? Lim::lowest() : Lim::max();
    }
    T* po = out.data<T>();
    for (std::int64_t i = 0; i < out.size(); ++i) po[i] = init;
    const T* px = x.data<T>();
    internal::Strides out_strides = internal::contiguous_strides(r.kept);
    for (int a : r.axes) out_strides[a] = 0;
    const std::array<internal::Strides, 2> strides = {
        internal::contiguous_strides(x.shape()), out_strides};
    internal::for_each_row<2>(
        x.shape(), strides,
        [&](const std::array<std::int64_t, 2>& off, std::int64_t n,
            const std::array<std::int64_t, 2>& st) {
          const T* p = px + off[0];
          T* o = po + off[1];
          if (st[1] == 0 && st[0] == 1) {
            const T v = row_extreme<T>(p, n, init, want_max);
            if (replaces(*o, v, want_max)) *o = v;
          } else if (st[1] == 0) {
            for (std::int64_t i = 0; i < n; ++i) {
              if (replaces(*o, p[i * st[0]], want_max)) *o = p[i * st[0]];
            }
          } else {
            for (std::int64_t i = 0; i < n; ++i) {
              const T v = p[i * st[0]];
              T& d = o[i * st[1]];
              d = replaces(d, v, want_max) ? v : d;
            }
          }
        });
  });
  return out;
}

Tensor extreme(const char* op, const Tensor& x, const Axes& axes, bool keepdims,
               bool want_max) {
  const Reduction r = plan(op, x, axes, keepdims);
  const DType dt = internal::compute_dtype(x.dtype());
  if (x.is_symbolic()) return Tensor::symbolic(r.out, dt);
  const Tensor xc = convert(x, dt);
  if (r.count == 0 && shape_size(r.out) > 0) {
    throw ValueError(str(op, ": cannot reduce a zero-size dimension of shape ",
                         shape_str(x.shape()), "."));
  }
  const bool grad =
      autograd::is_grad_enabled() && x.requires_grad() && is_float(dt);
  // Without a gradient no positions are needed: one strided pass.
  if (!grad) return extreme_strided(xc, r, want_max).view(r.out);
  const Rows rows = as_rows(xc, r.axes);
  auto positions =
      std::make_shared<std::vector<std::int64_t>>(grad ? rows.rows : 0);
  Tensor out = Tensor::empty(r.out, dt);
  dispatch_dtype(dt, [&](auto zero) {
    using T = decltype(zero);
    extreme_rows<T>(rows.data.data<T>(), rows.rows, rows.len, want_max,
                    out.data<T>(), grad ? positions->data() : nullptr);
  });
  if (!grad) return out;
  // Flat index into x of each chosen element.
  std::vector<std::int64_t>& idx = *positions;
  if (rows.perm.empty()) {
    for (std::int64_t i = 0; i < rows.rows; ++i) idx[i] += i * rows.len;
  } else {
    Tensor iota = Tensor::empty(x.shape(), DType::int64);
    std::int64_t* pi = iota.data<std::int64_t>();
    for (std::int64_t i = 0; i < iota.size(); ++i) pi[i] = i;
    const Tensor moved = internal::permute(iota, rows.perm);
    const std::int64_t* pm = moved.data<std::int64_t>();
    for (std::int64_t i = 0; i < rows.rows; ++i) {
      idx[i] = pm[i * rows.len + idx[i]];
    }
  }
  const Shape x_shape = x.shape();
  return autograd::record(
      out, {x},
      [positions, x_shape](const Tensor& g0) {
        const Tensor g = convert(g0, internal::float_dtype(g0.dtype()));
        Tensor gx = Tensor::zeros(x_shape, g.dtype());
        internal::dispatch_float(g.dtype(), [&](auto zero) {
          using T = decltype(zero);
          const T* pg = g.data<T>();
          T* px = gx.data<T>();
          for (std::size_t i = 0; i < positions->size(); ++i) {
            px[(*positions)[i]] += pg[i];
          }
        });
        return Tensors{gx};
      },
      op);
}

Tensor arg_extreme(const char* op, const Tensor& x, std::int64_t axis,
                   bool keepdims, bool want_max) {
  internal::check_defined(op, {&x});
  const int a = internal::normalize_axis_for(axis, x.shape().size(), op);
  const Reduction r = plan(op, x, {a}, keepdims);
  if (x.is_symbolic()) return Tensor::symbolic(r.out, DType::int32);
  const Tensor xc = convert(x, internal::compute_dtype(x.dtype()));
  const Rows rows = as_rows(xc, r.axes);
  if (rows.len == 0 && shape_size(r.out) > 0) {
    throw ValueError(str(op, ": cannot reduce a zero-size dimension of shape ",
                         shape_str(x.shape()), "."));
  }
  std::vector<std::int64_t> positions(rows.rows);
  dispatch_dtype(xc.dtype(), [&](auto zero) {
    using T = decltype(zero);
    extreme_rows<T>(rows.data.data<T>(), rows.rows, rows.len, want_max, nullptr,
                    positions.data());
  });
  Tensor out = Tensor::empty(r.out, DType::int32);
  std::int32_t* po = out.data<std::int32_t>();
  for (std::int64_t i = 0; i < rows.rows; ++i) {
    po[i] = static_cast<std::int32_t>(positions[i]);
  }
  return out;
}

}  // namespace

Tensor max(const Tensor& x, const Axes& axes, bool keepdims) {
  return extreme("max", x, axes, keepdims, true);
}
Tensor min(const Tensor& x, const Axes& axes, bool keepdims) {
  return extreme("min", x, axes, keepdims, false);
}
Tensor var(const Tensor& x, const Axes& axes, bool keepdims) {
  plan("var", x, axes, keepdims);  // validates axes with this op's name
  const Tensor centred = subtract(x, mean(x, axes, true));
  return mean(square(centred), axes, keepdims);
}

Tensor std(const Tensor& x, const Axes& axes, bool keepdims) {
  plan("std", x, axes, keepdims);
  return sqrt(var(x, axes, keepdims));
}

Tensor logsumexp(const Tensor& x, const Axes& axes, bool keepdims) {
  const Reduction r = plan("logsumexp", x, axes, keepdims);
  const DType dt = internal::float_dtype(x.dtype());
  if (x.is_symbolic()) return Tensor::symbolic(r.out, dt);
  // Shift by the (constant) max; an infinite max shifts by 0 instead, so
  // that all -inf gives -inf and +inf gives +inf rather than NaN.
  Tensor shift = internal::map_float1(
      max(stop_gradient(x), axes, true),
      [](auto v) { return std::isfinite(v) ? v : decltype(v)(0); });
  const Tensor total = sum(exp(subtract(x, shift)), axes, true);
  return reshape(add(log(total), shift), r.out);
}

Tensor any(const Tensor& x, const Axes& axes, bool keepdims) {
  const Reduction r = plan("any", x, axes, keepdims);
  if (x.is_symbolic()) return Tensor::symbolic(r.out, DType::bool_);
  return max(convert(x, DType::bool_), axes, keepdims);
}

Tensor all(const Tensor& x, const Axes& axes, bool keepdims) {
  const Reduction r = plan("all", x, axes, keepdims);
  if (x.is_symbolic()) return Tensor::symbolic(r.out, DType::bool_);
  return min(convert(x, DType::bool_), axes, keepdims);
}

Tensor argmax(const Tensor& x, std::int64_t axis, bool keepdims) {
  return arg_extreme("argmax", x, axis, keepdims, true);
}
Tensor argmin(const Tensor& x, std::int64_t axis, bool keepdims) {
  return arg_extreme("argmin", x, axis, keepdims, false);
}

}  // namespace keras::ops
