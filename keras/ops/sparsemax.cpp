// sparsemax viewing x as (outer, n, inner) around the axis, one lane (n
// values) at a time. The backward rule differentiates Keras' formula with
// the support fixed: d tau / d z_(i) = #{k in S : k >= i} / |S| for the value
// of sorted rank i (it appears in every cumsum c_k with k >= i).
#include "keras/ops/sparsemax.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/common.h"

namespace keras::ops {

namespace {

struct Lanes {
  std::int64_t outer = 1, n = 1, inner = 1;
};

Lanes lanes_of(const Shape& s, int axis) {
  Lanes l;
  for (int i = 0; i < axis; ++i) l.outer *= s[i];
  l.n = s[axis];
  for (std::size_t i = axis + 1; i < s.size(); ++i) l.inner *= s[i];
  return l;
}

// For one lane: out[k] and coef[k] = d tau / d z[k] (by original position).
template <class T>
void sparsemax_lane(const T* z, T* out, T* coef, std::int64_t n,
                    std::int64_t stride, std::vector<std::int64_t>& order) {
  order.resize(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return z[a * stride] > z[b * stride];
  });
  T cumsum = 0, support_sum = 0;
  std::int64_t support = 0;
  std::vector<char> in_support(n);
  for (std::int64_t k = 0; k < n; ++k) {
    const T v = z[order[k] * stride];
    cumsum += v;
    in_support[k] = v - (cumsum - T(1)) / T(k + 1) > T(0);
    if (in_support[k]) {
      ++support;
      support_sum += cumsum;
    }
  }
  const T tau = (support_sum - T(1)) / T(support);
  std::int64_t at_or_after = 0;  // support ranks >= k, counted backwards
  for (std::int64_t k = n - 1; k >= 0; --k) {
    if (in_support[k]) ++at_or_after;
    coef[order[k] * stride] = T(at_or_after) / T(support);
  }
  for (std::int64_t k = 0; k < n; ++k) {
    out[k * stride] = std::max(z[k * stride] - tau, T(0));
  }
}

}  // namespace

Tensor sparsemax(const Tensor& x0, std::int64_t axis) {
  internal::check_defined("sparsemax", {&x0});
  if (x0.ndim() == 0) {
    throw ValueError("sparsemax: needs a tensor of rank >= 1, got a scalar.");
  }
  const DType dt = internal::float_dtype(x0.dtype());
  const int a =
      internal::normalize_axis_for(axis, x0.shape().size(), "sparsemax");
  if (x0.is_symbolic()) return Tensor::symbolic(x0.shape(), dt);
  const Tensor x = internal::convert(x0, dt);
  const Lanes l = lanes_of(x.shape(), a);
  Tensor out = Tensor::empty(x.shape(), dt);
  Tensor coef = Tensor::empty(x.shape(), dt);
  if (l.n > 0) {
    internal::dispatch_float(dt, [&](auto zero) {
      using T = decltype(zero);
      std::vector<std::int64_t> order;
      for (std::int64_t o = 0; o < l.outer; ++o) {
        for (std::int64_t i = 0; i < l.inner; ++i) {
          const std::int64_t base = o * l.n * l.inner + i;
          sparsemax_lane<T>(x.data<T>() + base, out.data<T>() + base,
                            coef.data<T>() + base, l.n, l.inner, order);
        }
      }
    });
  }
  const Tensor y = out.view(out.shape());
  // g_x = g * active - (sum over the lane of g * active) * coef, where
  // active marks outputs on the linear piece (y > 0).
  return autograd::record(
      out, {x0},
      [y, coef, l, dt](const Tensor& g0) {
        const Tensor g = internal::convert(g0, dt);
        Tensor gx = Tensor::empty(y.shape(), dt);
        internal::dispatch_float(dt, [&](auto zero) {
          using T = decltype(zero);
          const T* pg = g.data<T>();
          const T* py = y.data<T>();
          const T* pc = coef.data<T>();
          T* px = gx.data<T>();
          for (std::int64_t o = 0; o < l.outer; ++o) {
            for (std::int64_t i = 0; i < l.inner; ++i) {
              const std::int64_t base = o * l.n * l.inner + i;
              T total = 0;
              for (std::int64_t k = 0; k < l.n; ++k) {
                const std::int64_t at = base + k * l.inner;
                if (py[at] > T(0)) total += pg[at];
              }
              for (std::int64_t k = 0; k < l.n; ++k) {
                const std::int64_t at = base + k * l.inner;
                px[at] = (py[at] > T(0) ? pg[at] : T(0)) - total * pc[at];
              }
            }
          }
        });
        return Tensors{gx};
      },
      "sparsemax");
}

}  // namespace keras::ops
