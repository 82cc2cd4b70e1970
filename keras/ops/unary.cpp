// Elementwise unary ops of numpy.h. Backward rules fuse their arithmetic
// into one pass with internal::map_float2.
#include <cmath>
#include <type_traits>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/kernels.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

using internal::compute_dtype;
using internal::map_float2;
using internal::unary_apply;
using internal::unary_apply_float;

namespace {

// The result's values without its grad_fn (see autograd.h: no cycles).
Tensor values_of(const Tensor& t) { return t.view(t.shape()); }

}  // namespace

Tensor negative(const Tensor& x) {
  Tensor out = unary_apply("negative", x, compute_dtype(x.dtype()),
                           [](auto v) { return -v; });
  return autograd::record(
      out, {x}, [](const Tensor& g) { return Tensors{negative(g)}; },
      "negative");
}

Tensor abs(const Tensor& x) {
  Tensor out = unary_apply("abs", x, compute_dtype(x.dtype()), [](auto v) {
    if constexpr (std::is_signed_v<decltype(v)>) {
      return v < 0 ? -v : v;
    } else {
      return v;
    }
  });
  return autograd::record(
      out, {x},
      [x](const Tensor& g) {
        return Tensors{map_float2(g, x, [](auto gg, auto v) {
          return v > 0 ? gg : (v < 0 ? -gg : decltype(v)(0));
        })};
      },
      "abs");
}

Tensor sign(const Tensor& x) {
  return unary_apply("sign", x, compute_dtype(x.dtype()), [](auto v) {
    using T = decltype(v);
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(v)) return v;
    }
    return static_cast<T>((T(0) < v) - (v < T(0)));
  });
}

Tensor square(const Tensor& x) {
  Tensor out = unary_apply("square", x, compute_dtype(x.dtype()),
                           [](auto v) { return v * v; });
  return autograd::record(
      out, {x},
      [x](const Tensor& g) {
        return Tensors{
            map_float2(g, x, [](auto gg, auto v) { return 2 * gg * v; })};
      },
      "square");
}

Tensor sqrt(const Tensor& x) {
  Tensor out =
      unary_apply_float("sqrt", x, [](auto v) { return std::sqrt(v); });
  if (out.is_symbolic()) return out;
  const Tensor y = values_of(out);
  return autograd::record(
      out, {x},
      [y](const Tensor& g) {
        return Tensors{
            map_float2(g, y, [](auto gg, auto yy) { return gg / (2 * yy); })};
      },
      "sqrt");
}

Tensor exp(const Tensor& x) {
  Tensor out = unary_apply_float("exp", x, [](auto v) { return std::exp(v); });
  if (out.is_symbolic()) return out;
  const Tensor y = values_of(out);
  return autograd::record(
      out, {x}, [y](const Tensor& g) { return Tensors{multiply(g, y)}; },
      "exp");
}

Tensor log(const Tensor& x) {
  Tensor out = unary_apply_float("log", x, [](auto v) { return std::log(v); });
  return autograd::record(
      out, {x}, [x](const Tensor& g) { return Tensors{divide(g, x)}; }, "log");
}

Tensor log1p(const Tensor& x) {
  Tensor out =
      unary_apply_float("log1p", x, [](auto v) { return std::log1p(v); });
  return autograd::record(
      out, {x},
      [x](const Tensor& g) {
        return Tensors{
            map_float2(g, x, [](auto gg, auto v) { return gg / (1 + v); })};
      },
      "log1p");
}

Tensor expm1(const Tensor& x) {
  Tensor out =
      unary_apply_float("expm1", x, [](auto v) { return std::expm1(v); });
  if (out.is_symbolic()) return out;
  const Tensor y = values_of(out);
  return autograd::record(
      out, {x},
      [y](const Tensor& g) {
        return Tensors{
            map_float2(g, y, [](auto gg, auto yy) { return gg * (yy + 1); })};
      },
      "expm1");
}

Tensor tanh(const Tensor& x) {
  Tensor out =
      unary_apply_float("tanh", x, [](auto v) { return std::tanh(v); });
  if (out.is_symbolic()) return out;
  const Tensor y = values_of(out);
  return autograd::record(
      out, {x},
      [y](const Tensor& g) {
        return Tensors{map_float2(
            g, y, [](auto gg, auto yy) { return gg * (1 - yy * yy); })};
      },
      "tanh");
}

Tensor erf(const Tensor& x) {
  Tensor out = unary_apply_float("erf", x, [](auto v) { return std::erf(v); });
  return autograd::record(
      out, {x},
      [x](const Tensor& g) {
        // d erf(x)/dx = 2/sqrt(pi) exp(-x^2)
        return Tensors{map_float2(g, x, [](auto gg, auto v) {
          using T = decltype(v);
          return gg * T(1.1283791670955126) * std::exp(-v * v);
        })};
      },
      "erf");
}

Tensor logical_not(const Tensor& x) {
  return unary_apply("logical_not", x, DType::bool_, [](bool v) { return !v; });
}

Tensor clip(const Tensor& x, double min_value, double max_value) {
  // NumPy: minimum(maximum(x, min), max), so max wins if min > max.
  Tensor out = unary_apply("clip", x, compute_dtype(x.dtype()), [=](auto v) {
    using T = decltype(v);
    const T lo = static_cast<T>(min_value);
    const T hi = static_cast<T>(max_value);
    const T up = v < lo ? lo : v;
    return up > hi ? hi : up;
  });
  return autograd::record(
      out, {x},
      [x, min_value, max_value](const Tensor& g) {
        // Gradient passes where x is inside [min, max] (bounds included).
        return Tensors{map_float2(g, x, [=](auto gg, auto v) {
          using T = decltype(v);
          return (v >= static_cast<T>(min_value) &&
                  v <= static_cast<T>(max_value))
                     ? gg
                     : T(0);
        })};
      },
      "clip");
}

Tensor floor(const Tensor& x) {
  return unary_apply("floor", x, compute_dtype(x.dtype()), [](auto v) {
    using T = decltype(v);
    if constexpr (std::is_floating_point_v<T>) {
      return std::floor(v);
    } else {
      return v;
    }
  });
}

Tensor round(const Tensor& x) {
  // nearbyint rounds half to even in the default rounding mode, as NumPy.
  return unary_apply("round", x, compute_dtype(x.dtype()), [](auto v) {
    using T = decltype(v);
    if constexpr (std::is_floating_point_v<T>) {
      return std::nearbyint(v);
    } else {
      return v;
    }
  });
}

}  // namespace keras::ops
