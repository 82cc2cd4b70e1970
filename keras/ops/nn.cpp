// Neural-network ops of nn.h. Softmax-like ops view x as (outer, n, inner)
// around the axis, so the reduction axis needs no transpose; the last-axis
// case (inner == 1) is a separately instantiated tight loop.
#include "keras/ops/nn.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/kernels.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

using internal::convert;
using internal::map_float2;

namespace {

Tensor nn_values_of(const Tensor& t) { return t.view(t.shape()); }

template <class T>
T stable_sigmoid(T v) {
  if (v >= 0) return T(1) / (T(1) + std::exp(-v));
  const T e = std::exp(v);
  return e / (T(1) + e);
}

}  // namespace

Tensor relu(const Tensor& x) {
  Tensor out = internal::unary_apply(
      "relu", x, internal::compute_dtype(x.dtype()), [](auto v) {
        using T = decltype(v);
        return v > T(0) ? v : T(0);
      });
  return autograd::record(
      out, {x},
      [x](const Tensor& g) {
        return Tensors{map_float2(g, x, [](auto gg, auto v) {
          return v > 0 ? gg : decltype(gg)(0);
        })};
      },
      "relu");
}

Tensor sigmoid(const Tensor& x) {
  Tensor out = internal::unary_apply_float(
      "sigmoid", x, [](auto v) { return stable_sigmoid(v); });
  if (out.is_symbolic()) return out;
  const Tensor y = nn_values_of(out);
  return autograd::record(
      out, {x},
      [y](const Tensor& g) {
        return Tensors{map_float2(
            g, y, [](auto gg, auto yy) { return gg * yy * (1 - yy); })};
      },
      "sigmoid");
}

Tensor softplus(const Tensor& x) {
  // log(1 + e^x) = max(x, 0) + log1p(e^-|x|), exact for large |x|.
  Tensor out = internal::unary_apply_float("softplus", x, [](auto v) {
    using T = decltype(v);
    return std::max(v, T(0)) + std::log1p(std::exp(-std::abs(v)));
  });
  return autograd::record(
      out, {x},
      [x](const Tensor& g) {
        return Tensors{map_float2(
            g, x, [](auto gg, auto v) { return gg * stable_sigmoid(v); })};
      },
      "softplus");
}

namespace {

// y = f(x) elementwise in float, with dy/dx = df(x): one pass each way.
template <class F, class DF>
Tensor activation(const char* name, const Tensor& x, F f, DF df) {
  Tensor out = internal::unary_apply_float(name, x, f);
  return autograd::record(
      out, {x},
      [x, df](const Tensor& g) {
        return Tensors{
            map_float2(g, x, [df](auto gg, auto v) { return gg * df(v); })};
      },
      name);
}

constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluScale = 1.0507009873554804934193349852946;

}  // namespace

Tensor relu6(const Tensor& x) {
  return activation(
      "relu6", x,
      [](auto v) {
        using T = decltype(v);
        return v < T(0) ? T(0) : (v > T(6) ? T(6) : v);
      },
      [](auto v) {
        using T = decltype(v);
        return (v > T(0) && v < T(6)) ? T(1) : T(0);
      });
}

Tensor leaky_relu(const Tensor& x, double negative_slope) {
  return activation(
      "leaky_relu", x,
      [negative_slope](auto v) {
        using T = decltype(v);
        return v > T(0) ? v : static_cast<T>(negative_slope) * v;
      },
      [negative_slope](auto v) {
        using T = decltype(v);
        return v > T(0) ? T(1) : static_cast<T>(negative_slope);
      });
}

Tensor elu(const Tensor& x, double alpha) {
  // Each branch is evaluated only where it applies, so large x gives no
  // inf * 0 = NaN in the gradient (as where(x > 0, x, expm1(x)) would).
  return activation(
      "elu", x,
      [alpha](auto v) {
        using T = decltype(v);
        return v > T(0) ? v : static_cast<T>(alpha) * std::expm1(v);
      },
      [alpha](auto v) {
        using T = decltype(v);
        return v > T(0) ? T(1) : static_cast<T>(alpha) * std::exp(v);
      });
}

Tensor selu(const Tensor& x) {
  return activation(
      "selu", x,
      [](auto v) {
        using T = decltype(v);
        return static_cast<T>(kSeluScale) *
               (v > T(0) ? v : static_cast<T>(kSeluAlpha) * std::expm1(v));
      },
      [](auto v) {
        using T = decltype(v);
        return static_cast<T>(kSeluScale) *
               (v > T(0) ? T(1) : static_cast<T>(kSeluAlpha) * std::exp(v));
      });
}

Tensor silu(const Tensor& x) {
  return activation(
      "silu", x, [](auto v) { return v * stable_sigmoid(v); },
      [](auto v) {
        const auto s = stable_sigmoid(v);
        return s * (1 + v * (1 - s));
      });
}

Tensor gelu(const Tensor& x, bool approximate) {
  if (approximate) {
    // 0.5 x (1 + tanh(c (x + 0.044715 x^3))), c = sqrt(2 / pi).
    return activation(
        "gelu", x,
        [](auto v) {
          using T = decltype(v);
          const T c = T(0.7978845608028654);
          return T(0.5) * v *
                 (1 + std::tanh(c * (v + T(0.044715) * v * v * v)));
        },
        [](auto v) {
          using T = decltype(v);
          const T c = T(0.7978845608028654);
          const T t = std::tanh(c * (v + T(0.044715) * v * v * v));
          return T(0.5) * (1 + t) +
                 T(0.5) * v * (1 - t * t) * c * (1 + T(3 * 0.044715) * v * v);
        });
  }
  // 0.5 x (1 + erf(x / sqrt(2))).
  return activation(
      "gelu", x,
      [](auto v) {
        using T = decltype(v);
        return T(0.5) * v * (1 + std::erf(v * T(0.7071067811865476)));
      },
      [](auto v) {
        using T = decltype(v);
        return T(0.5) * (1 + std::erf(v * T(0.7071067811865476))) +
               v * std::exp(T(-0.5) * v * v) * T(0.3989422804014327);
      });
}

namespace {

struct AxisLayout {
  std::int64_t outer = 1, n = 1, inner = 1;
};

AxisLayout layout(const Shape& s, int axis) {
  AxisLayout l;
  for (int i = 0; i < axis; ++i) l.outer *= s[i];
  l.n = s[axis];
  for (std::size_t i = axis + 1; i < s.size(); ++i) l.inner *= s[i];
  return l;
}

// Softmax (or log-softmax) of x along the layout's middle axis. kInner1
// instantiates the last-axis case with inner known to be 1.
template <class T, bool kInner1>
void softmax_kernel(const T* x, T* y, AxisLayout l, bool log_space) {
  const std::int64_t inner = kInner1 ? 1 : l.inner;
  std::vector<T> mx(inner), total(inner);
  for (std::int64_t o = 0; o < l.outer; ++o) {
    const T* px = x + o * l.n * inner;
    T* py = y + o * l.n * inner;
    std::fill(mx.begin(), mx.end(), -std::numeric_limits<T>::infinity());
    std::fill(total.begin(), total.end(), T(0));
    for (std::int64_t k = 0; k < l.n; ++k) {
      for (std::int64_t i = 0; i < inner; ++i) {
        mx[i] = std::max(mx[i], px[k * inner + i]);
      }
    }
    for (std::int64_t k = 0; k < l.n; ++k) {
      for (std::int64_t i = 0; i < inner; ++i) {
        const T e = std::exp(px[k * inner + i] - mx[i]);
        total[i] += e;
        if (!log_space) py[k * inner + i] = e;
      }
    }
    for (std::int64_t i = 0; i < inner; ++i) {
      total[i] = log_space ? mx[i] + std::log(total[i]) : T(1) / total[i];
    }
    for (std::int64_t k = 0; k < l.n; ++k) {
      for (std::int64_t i = 0; i < inner; ++i) {
        if (log_space) {
          py[k * inner + i] = px[k * inner + i] - total[i];
        } else {
          py[k * inner + i] *= total[i];
        }
      }
    }
  }
}

// Backward: softmax gx = y * (g - sum(g * y)); log_softmax gx = g -
// exp(y) * sum(g).
template <class T, bool kInner1>
void softmax_grad_kernel(const T* g, const T* y, T* gx, AxisLayout l,
                         bool log_space) {
  const std::int64_t inner = kInner1 ? 1 : l.inner;
  std::vector<T> dot(inner);
  for (std::int64_t o = 0; o < l.outer; ++o) {
    const std::int64_t base = o * l.n * inner;
    std::fill(dot.begin(), dot.end(), T(0));
    for (std::int64_t k = 0; k < l.n; ++k) {
      for (std::int64_t i = 0; i < inner; ++i) {
        const std::int64_t at = base + k * inner + i;
        dot[i] += log_space ? g[at] : g[at] * y[at];
      }
    }
    for (std::int64_t k = 0; k < l.n; ++k) {
      for (std::int64_t i = 0; i < inner; ++i) {
        const std::int64_t at = base + k * inner + i;
        gx[at] = log_space ? g[at] - std::exp(y[at]) * dot[i]
                           : y[at] * (g[at] - dot[i]);
      }
    }
  }
}

Tensor softmax_op(const char* name, const Tensor& x, std::int64_t axis,
                  bool log_space) {
  internal::check_defined(name, {&x});
  const DType dt = internal::float_dtype(x.dtype());
  if (x.ndim() == 0) {
    throw ValueError(str(name, ": needs a tensor of rank >= 1, got a scalar."));
  }
  const int a = internal::normalize_axis_for(axis, x.shape().size(), name);
  if (x.is_symbolic()) return Tensor::symbolic(x.shape(), dt);
  const Tensor xc = convert(x, dt);
  const AxisLayout l = layout(x.shape(), a);
  Tensor out = Tensor::empty(x.shape(), dt);
  internal::dispatch_float(dt, [&](auto zero) {
    using T = decltype(zero);
    if (l.inner == 1) {
      softmax_kernel<T, true>(xc.data<T>(), out.data<T>(), l, log_space);
    } else {
      softmax_kernel<T, false>(xc.data<T>(), out.data<T>(), l, log_space);
    }
  });
  const Tensor y = nn_values_of(out);
  return autograd::record(
      out, {x},
      [y, l, log_space, dt](const Tensor& g0) {
        const Tensor g = convert(g0, dt);
        Tensor gx = Tensor::empty(y.shape(), dt);
        internal::dispatch_float(dt, [&](auto zero) {
          using T = decltype(zero);
          if (l.inner == 1) {
            softmax_grad_kernel<T, true>(g.data<T>(), y.data<T>(), gx.data<T>(),
                                         l, log_space);
          } else {
            softmax_grad_kernel<T, false>(g.data<T>(), y.data<T>(),
                                          gx.data<T>(), l, log_space);
          }
        });
        return Tensors{gx};
      },
      name);
}

}  // namespace

Tensor softmax(const Tensor& x, std::int64_t axis) {
  return softmax_op("softmax", x, axis, false);
}

Tensor log_softmax(const Tensor& x, std::int64_t axis) {
  return softmax_op("log_softmax", x, axis, true);
}

Tensor one_hot(const Tensor& indices, std::int64_t num_classes, DType dtype) {
  internal::check_defined("one_hot", {&indices});
  if (num_classes <= 0) {
    throw ValueError(
        str("one_hot: num_classes must be a positive integer. "
            "Received: num_classes=",
            num_classes));
  }
  Shape out = indices.shape();
  out.push_back(num_classes);
  if (indices.is_symbolic()) return Tensor::symbolic(out, dtype);
  if (is_float(indices.dtype())) {
    throw ValueError(str("one_hot: indices must be integers, got dtype ",
                         dtype_name(indices.dtype()), "."));
  }
  const Tensor idx = convert(indices, DType::int64);
  // Build in float32/float64 or an int type, then convert (bfloat16 etc.).
  Tensor result = Tensor::zeros(out, internal::compute_dtype(dtype));
  const std::int64_t* pi = idx.data<std::int64_t>();
  dispatch_dtype(result.dtype(), [&](auto zero) {
    using T = decltype(zero);
    T* po = result.data<T>();
    for (std::int64_t i = 0; i < idx.size(); ++i) {
      // Out-of-range (and negative) indices give an all-zero row, as in TF.
      if (pi[i] >= 0 && pi[i] < num_classes) {
        po[i * num_classes + pi[i]] = T(1);
      }
    }
  });
  return result.astype(dtype);
}

}  // namespace keras::ops
