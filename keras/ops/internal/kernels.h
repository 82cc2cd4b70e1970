// File: keras/ops/internal/kernels.h
// -----------------------------------------------------------------------------
// Elementwise loop templates used by keras::ops (not recorded by autograd,
// concrete tensors only). Element types are template parameters; callers
// pick them with keras::dispatch_dtype / internal::dispatch_float.
//
//   binary_loop: out = f(a, b) with NumPy broadcasting; fast paths for
//                identical shapes and a one-element operand, the strided
//                row loop of broadcast.h otherwise.
//   map_float1/2: float-only maps, used by backward rules to fuse several
//                elementwise steps into one pass (e.g. g * (1 - y * y)).
// -----------------------------------------------------------------------------
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "keras/ops/internal/broadcast.h"
#include "keras/ops/internal/common.h"

namespace keras::ops::internal {

template <class T>
bool is_nan(T x) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::isnan(x);
  } else {
    return false;
  }
}

template <class T, class R, class F>
void binary_loop(const T* a, const Shape& as, const T* b, const Shape& bs,
                 R* out, const Shape& os, F f) {
  const std::int64_t n = shape_size(os);
  if (as == bs) {
    for (std::int64_t i = 0; i < n; ++i) out[i] = static_cast<R>(f(a[i], b[i]));
    return;
  }
  // A one-element operand only adds size-1 dims, so the other operand's
  // elements map one-to-one onto the output's.
  if (shape_size(bs) == 1) {
    const T y = b[0];
    for (std::int64_t i = 0; i < n; ++i) out[i] = static_cast<R>(f(a[i], y));
    return;
  }
  if (shape_size(as) == 1) {
    const T x = a[0];
    for (std::int64_t i = 0; i < n; ++i) out[i] = static_cast<R>(f(x, b[i]));
    return;
  }
  const std::array<Strides, 3> strides = {contiguous_strides(os),
                                          broadcast_strides(as, os),
                                          broadcast_strides(bs, os)};
  for_each_row<3>(os, strides,
                  [&](const std::array<std::int64_t, 3>& off, std::int64_t m,
                      const std::array<std::int64_t, 3>& st) {
                    R* o = out + off[0];
                    const T* pa = a + off[1];
                    const T* pb = b + off[2];
                    if (st[1] == 1 && st[2] == 1) {
                      for (std::int64_t i = 0; i < m; ++i)
                        o[i] = static_cast<R>(f(pa[i], pb[i]));
                    } else if (st[1] == 0 && st[2] == 1) {
                      const T x = *pa;
                      for (std::int64_t i = 0; i < m; ++i)
                        o[i] = static_cast<R>(f(x, pb[i]));
                    } else if (st[1] == 1 && st[2] == 0) {
                      const T y = *pb;
                      for (std::int64_t i = 0; i < m; ++i)
                        o[i] = static_cast<R>(f(pa[i], y));
                    } else {
                      for (std::int64_t i = 0; i < m; ++i) {
                        o[i] = static_cast<R>(f(pa[i * st[1]], pb[i * st[2]]));
                      }
                    }
                  });
}

// Copies a contiguous tensor of shape `in` into `out` of shape `os`
// (broadcast_to's kernel, also used to materialise operands).
template <class T>
void broadcast_copy(const T* in, const Shape& is, T* out, const Shape& os) {
  const std::array<Strides, 2> strides = {contiguous_strides(os),
                                          broadcast_strides(is, os)};
  for_each_row<2>(os, strides,
                  [&](const std::array<std::int64_t, 2>& off, std::int64_t m,
                      const std::array<std::int64_t, 2>& st) {
                    T* o = out + off[0];
                    const T* p = in + off[1];
                    if (st[1] == 1) {
                      for (std::int64_t i = 0; i < m; ++i) o[i] = p[i];
                    } else {
                      for (std::int64_t i = 0; i < m; ++i) o[i] = p[i * st[1]];
                    }
                  });
}

// out = f(x) in dtype `dt` (x is converted to it); symbolic-aware.
template <class F>
Tensor unary_apply(const char* name, const Tensor& x0, DType dt, F f) {
  check_defined(name, {&x0});
  if (x0.is_symbolic()) return Tensor::symbolic(x0.shape(), dt);
  const Tensor x = convert(x0, dt);
  Tensor out = Tensor::empty(x.shape(), dt);
  dispatch_dtype(dt, [&](auto zero) {
    using T = decltype(zero);
    const T* px = x.data<T>();
    T* po = out.data<T>();
    const std::int64_t n = x.size();
    for (std::int64_t i = 0; i < n; ++i) po[i] = static_cast<T>(f(px[i]));
  });
  return out;
}

// Same for functions only defined on floats (exp, tanh, ...): ints and
// bools compute in float32.
template <class F>
Tensor unary_apply_float(const char* name, const Tensor& x0, F f) {
  check_defined(name, {&x0});
  const DType dt = float_dtype(x0.dtype());
  if (x0.is_symbolic()) return Tensor::symbolic(x0.shape(), dt);
  const Tensor x = convert(x0, dt);
  Tensor out = Tensor::empty(x.shape(), dt);
  dispatch_float(dt, [&](auto zero) {
    using T = decltype(zero);
    const T* px = x.data<T>();
    T* po = out.data<T>();
    const std::int64_t n = x.size();
    for (std::int64_t i = 0; i < n; ++i) po[i] = static_cast<T>(f(px[i]));
  });
  return out;
}

// f(x) over a float tensor (converted to its float compute dtype).
template <class F>
Tensor map_float1(const Tensor& x0, F f) {
  const Tensor x = convert(x0, float_dtype(x0.dtype()));
  Tensor out = Tensor::empty(x.shape(), x.dtype());
  dispatch_float(x.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* px = x.data<T>();
    T* po = out.data<T>();
    const std::int64_t n = x.size();
    for (std::int64_t i = 0; i < n; ++i) po[i] = f(px[i]);
  });
  return out;
}

// f(x, y) over two tensors, broadcasting, computed in their common float
// dtype.
template <class F>
Tensor map_float2(const Tensor& x0, const Tensor& y0, F f) {
  const DType dt = float_dtype(promote_types(x0.dtype(), y0.dtype()));
  const Tensor x = convert(x0, dt);
  const Tensor y = convert(y0, dt);
  const Shape os = broadcast_shapes(x.shape(), y.shape(), "map");
  Tensor out = Tensor::empty(os, dt);
  dispatch_float(dt, [&](auto zero) {
    using T = decltype(zero);
    binary_loop<T, T>(x.data<T>(), x.shape(), y.data<T>(), y.shape(),
                      out.data<T>(), os, f);
  });
  return out;
}

}  // namespace keras::ops::internal
