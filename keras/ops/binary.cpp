// Elementwise binary ops of numpy.h (broadcasting, promotion, gradients).
#include <algorithm>
#include <cmath>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/kernels.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

using autograd::unbroadcast;
using internal::convert;

namespace {

// out[i] = f(a, b) computed in `compute` and stored as `out_dtype` (either
// `compute` or bool). Symbolic inputs give a symbolic result.
template <class F>
Tensor binary_apply(const char* name, const Tensor& a0, const Tensor& b0,
                    DType compute, DType out_dtype, F f) {
  const Shape os = internal::broadcast_shapes(a0.shape(), b0.shape(), name);
  if (internal::any_symbolic({&a0, &b0})) {
    return Tensor::symbolic(os, out_dtype);
  }
  const Tensor a = convert(a0, compute);
  const Tensor b = convert(b0, compute);
  Tensor out = Tensor::empty(os, out_dtype);
  dispatch_dtype(compute, [&](auto zero) {
    using T = decltype(zero);
    if (out_dtype == DType::bool_) {
      internal::binary_loop<T, bool>(a.data<T>(), a.shape(), b.data<T>(),
                                     b.shape(), out.data<bool>(), os, f);
    } else {
      internal::binary_loop<T, T>(a.data<T>(), a.shape(), b.data<T>(),
                                  b.shape(), out.data<T>(), os, f);
    }
  });
  return out;
}

// Arithmetic: result in the promoted dtype.
template <class F>
Tensor arithmetic(const char* name, const Tensor& a, const Tensor& b, F f) {
  internal::check_defined(name, {&a, &b});
  const DType dt = internal::promote_types(a.dtype(), b.dtype());
  return binary_apply(name, a, b, dt, dt, f);
}

template <class F>
Tensor comparison(const char* name, const Tensor& a, const Tensor& b, F f) {
  internal::check_defined(name, {&a, &b});
  const DType dt = internal::promote_types(a.dtype(), b.dtype());
  return binary_apply(name, a, b, dt, DType::bool_, f);
}

// Gradient only for inputs that want one.
Tensor if_grad(const Tensor& x, const Tensor& g) {
  return x.requires_grad() ? unbroadcast(g, x.shape()) : Tensor();
}

}  // namespace

Tensor add(const Tensor& a, const Tensor& b) {
  Tensor out = arithmetic("add", a, b, [](auto x, auto y) { return x + y; });
  return autograd::record(
      out, {a, b},
      [a, b](const Tensor& g) {
        return Tensors{if_grad(a, g), if_grad(b, g)};
      },
      "add");
}

Tensor subtract(const Tensor& a, const Tensor& b) {
  Tensor out =
      arithmetic("subtract", a, b, [](auto x, auto y) { return x - y; });
  return autograd::record(
      out, {a, b},
      [a, b](const Tensor& g) {
        return Tensors{if_grad(a, g),
                       b.requires_grad() ? if_grad(b, negative(g)) : Tensor()};
      },
      "subtract");
}

Tensor multiply(const Tensor& a, const Tensor& b) {
  Tensor out =
      arithmetic("multiply", a, b, [](auto x, auto y) { return x * y; });
  return autograd::record(
      out, {a, b},
      [a, b](const Tensor& g) {
        return Tensors{
            a.requires_grad() ? if_grad(a, multiply(g, b)) : Tensor(),
            b.requires_grad() ? if_grad(b, multiply(g, a)) : Tensor()};
      },
      "multiply");
}

Tensor divide(const Tensor& a, const Tensor& b) {
  internal::check_defined("divide", {&a, &b});
  // True division: ints and bools divide as float32.
  const DType dt =
      internal::float_dtype(internal::promote_types(a.dtype(), b.dtype()));
  Tensor out = binary_apply("divide", a, b, dt, dt,
                            [](auto x, auto y) { return x / y; });
  if (out.is_symbolic()) return out;
  const Tensor y = out.view(out.shape());
  return autograd::record(
      out, {a, b},
      [a, b, y](const Tensor& g) {
        Tensor ga, gb;
        if (a.requires_grad()) ga = if_grad(a, divide(g, b));
        if (b.requires_grad()) {
          // d(a/b)/db = -(a/b)/b
          gb = if_grad(
              b, internal::map_float2(multiply(g, y), b, [](auto gy, auto bb) {
                return -gy / bb;
              }));
        }
        return Tensors{ga, gb};
      },
      "divide");
}

Tensor power(const Tensor& a, const Tensor& b) {
  Tensor out = arithmetic("power", a, b, [](auto x, auto y) {
    using T = decltype(x);
    return static_cast<T>(
        std::pow(static_cast<double>(x), static_cast<double>(y)));
  });
  if (out.is_symbolic()) return out;
  const Tensor y = out.view(out.shape());
  return autograd::record(
      out, {a, b},
      [a, b, y](const Tensor& g) {
        Tensor ga, gb;
        if (a.requires_grad()) {
          // b * a^(b-1), written as b * y / a only where a != 0.
          const Tensor d = internal::map_float2(a, b, [](auto x, auto e) {
            return e == 0 ? decltype(x)(0) : e * std::pow(x, e - 1);
          });
          ga = if_grad(a, multiply(g, d));
        }
        if (b.requires_grad()) {
          // y * log(a), defined as 0 where a <= 0 (as TensorFlow does).
          const Tensor d = internal::map_float2(y, a, [](auto yy, auto x) {
            return x > 0 ? yy * std::log(x) : decltype(x)(0);
          });
          gb = if_grad(b, multiply(g, d));
        }
        return Tensors{ga, gb};
      },
      "power");
}

namespace {

// maximum/minimum: the gradient goes to a where `a_wins` (ties: to a).
Tensor extremum(const char* name, const Tensor& a, const Tensor& b,
                bool is_max) {
  Tensor out = is_max ? arithmetic(name, a, b,
                                   [](auto x, auto y) {
                                     return (x >= y || internal::is_nan(x))
                                                ? x
                                                : y;  // NaN wins
                                   })
                      : arithmetic(name, a, b, [](auto x, auto y) {
                          return (x <= y || internal::is_nan(x)) ? x : y;
                        });
  return autograd::record(
      out, {a, b},
      [a, b, is_max](const Tensor& g) {
        const Tensor a_wins = is_max ? greater_equal(a, b) : less_equal(a, b);
        const Tensor zero = Tensor::scalar(0.0, g.dtype());
        return Tensors{
            a.requires_grad() ? if_grad(a, where(a_wins, g, zero)) : Tensor(),
            b.requires_grad() ? if_grad(b, where(a_wins, zero, g)) : Tensor()};
      },
      name);
}

}  // namespace

Tensor maximum(const Tensor& a, const Tensor& b) {
  return extremum("maximum", a, b, true);
}
Tensor minimum(const Tensor& a, const Tensor& b) {
  return extremum("minimum", a, b, false);
}

Tensor equal(const Tensor& a, const Tensor& b) {
  return comparison("equal", a, b, [](auto x, auto y) { return x == y; });
}
Tensor not_equal(const Tensor& a, const Tensor& b) {
  return comparison("not_equal", a, b, [](auto x, auto y) { return x != y; });
}
Tensor greater(const Tensor& a, const Tensor& b) {
  return comparison("greater", a, b, [](auto x, auto y) { return x > y; });
}
Tensor greater_equal(const Tensor& a, const Tensor& b) {
  return comparison("greater_equal", a, b,
                    [](auto x, auto y) { return x >= y; });
}
Tensor less(const Tensor& a, const Tensor& b) {
  return comparison("less", a, b, [](auto x, auto y) { return x < y; });
}
Tensor less_equal(const Tensor& a, const Tensor& b) {
  return comparison("less_equal", a, b, [](auto x, auto y) { return x <= y; });
}

Tensor logical_and(const Tensor& a, const Tensor& b) {
  internal::check_defined("logical_and", {&a, &b});
  return binary_apply("logical_and", a, b, DType::bool_, DType::bool_,
                      [](bool x, bool y) { return x && y; });
}
Tensor logical_or(const Tensor& a, const Tensor& b) {
  internal::check_defined("logical_or", {&a, &b});
  return binary_apply("logical_or", a, b, DType::bool_, DType::bool_,
                      [](bool x, bool y) { return x || y; });
}

Tensor where(const Tensor& condition, const Tensor& a, const Tensor& b) {
  internal::check_defined("where", {&condition, &a, &b});
  const Shape os = internal::broadcast_shapes(
      condition.shape(),
      internal::broadcast_shapes(a.shape(), b.shape(), "where"), "where");
  const DType dt = internal::promote_types(a.dtype(), b.dtype());
  if (internal::any_symbolic({&condition, &a, &b})) {
    return Tensor::symbolic(os, dt);
  }
  const Tensor c = convert(condition, DType::bool_);
  const Tensor ac = convert(a, dt);
  const Tensor bc = convert(b, dt);
  Tensor out = Tensor::empty(os, dt);
  dispatch_dtype(dt, [&](auto zero) {
    using T = decltype(zero);
    const bool* pc = c.data<bool>();
    const T* pa = ac.data<T>();
    const T* pb = bc.data<T>();
    T* po = out.data<T>();
    const std::array<internal::Strides, 4> strides = {
        internal::contiguous_strides(os),
        internal::broadcast_strides(c.shape(), os),
        internal::broadcast_strides(ac.shape(), os),
        internal::broadcast_strides(bc.shape(), os)};
    internal::for_each_row<4>(
        os, strides,
        [&](const std::array<std::int64_t, 4>& off, std::int64_t m,
            const std::array<std::int64_t, 4>& st) {
          for (std::int64_t i = 0; i < m; ++i) {
            po[off[0] + i] = pc[off[1] + i * st[1]] ? pa[off[2] + i * st[2]]
                                                    : pb[off[3] + i * st[3]];
          }
        });
  });
  return autograd::record(
      out, {condition, a, b},
      [c, a, b](const Tensor& g) {
        const Tensor zero = Tensor::scalar(0.0, g.dtype());
        return Tensors{
            Tensor(),
            a.requires_grad() ? if_grad(a, where(c, g, zero)) : Tensor(),
            b.requires_grad() ? if_grad(b, where(c, zero, g)) : Tensor()};
      },
      "where");
}

}  // namespace keras::ops
