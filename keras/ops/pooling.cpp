// Pooling ops of pooling.h. Every variant (strided, "same", adaptive) is a
// list of [start, end) windows per spatial dim, so one kernel serves all.
// The kernels work channels-last with up to three spatial dims (fewer dims
// are size-1 dims): the channel axis is innermost and contiguous, so the
// inner loops run over channels and vectorize. Channels-first inputs are
// transposed around the kernel (ops::transpose is differentiable).
#include "keras/ops/pooling.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "keras/core/error.h"
#include "keras/ops/autograd.h"
#include "keras/ops/internal/common.h"
#include "keras/ops/internal/parallel.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

namespace {

using internal::convert;
using Sizes = std::vector<std::int64_t>;

enum class Mode { kMax, kAverage };

// Windows along one spatial dim: output index o reads [start[o], end[o]).
struct Windows {
  std::vector<std::int64_t> start, end;
  std::int64_t out() const { return std::int64_t(start.size()); }
};

// A channels-last input seen as (batch, d0, d1, d2, channels).
struct Plan {
  std::int64_t batch = 1, channels = 1;
  std::array<std::int64_t, 3> in{1, 1, 1};
  std::array<Windows, 3> win;
};

std::string pool_sizes_str(const Sizes& v) {
  std::string s = "(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(v[i]);
  }
  return s + (v.size() == 1 ? ",)" : ")");
}

// Keras' standardize_tuple: one value for every dim, or exactly n values.
Sizes pool_standardize(const Sizes& value, std::size_t n, const char* name,
                       bool allow_zero = false) {
  const std::string msg =
      str("The `", name, "` argument must be a tuple of ", n,
          " integers. Received ", name, "=", pool_sizes_str(value));
  if (value.size() != 1 && value.size() != n) throw ValueError(msg);
  Sizes out = value.size() == 1 ? Sizes(n, value[0]) : value;
  for (std::int64_t v : out) {
    if (v < 0 || (!allow_zero && v == 0)) {
      throw ValueError(str(msg, ", including values {", v,
                           "} that do not satisfy `value ",
                           allow_zero ? ">= 0" : "> 0", "`"));
    }
  }
  return out;
}

int spatial_dims(const Tensor& x, const char* what) {
  internal::check_defined(what, {&x});
  if (x.ndim() < 3 || x.ndim() > 5) {
    throw ValueError(str("Inputs to ", what,
                         " must have ndim=3, 4 or 5, corresponding to 1D, 2D "
                         "and 3D inputs. Received input shape: ",
                         shape_str(x.shape()), "."));
  }
  return int(x.ndim()) - 2;
}

void check_data_format(const std::string& data_format) {
  if (data_format != "channels_last" && data_format != "channels_first") {
    throw ValueError(
        str("The `data_format` argument must be one of {'channels_first', "
            "'channels_last'}. Received: data_format=",
            data_format));
  }
}

// Permutations between channels-first and channels-last.
std::vector<std::int64_t> pool_to_last(int rank) {
  std::vector<std::int64_t> p{0};
  for (int i = 2; i < rank; ++i) p.push_back(i);
  p.push_back(1);
  return p;
}
std::vector<std::int64_t> pool_to_first(int rank) {
  std::vector<std::int64_t> p{0, rank - 1};
  for (int i = 1; i < rank - 1; ++i) p.push_back(i);
  return p;
}

// y for the samples [n0, n1).
template <class T>
void pool_forward(const Plan& p, Mode mode, const T* x, T* y, std::int64_t n0,
                  std::int64_t n1) {
  const std::int64_t C = p.channels;
  const auto& [D, H, W] = p.in;
  const std::int64_t OD = p.win[0].out(), OH = p.win[1].out(),
                     OW = p.win[2].out();
  for (std::int64_t n = n0; n < n1; ++n) {
    const T* xn = x + n * D * H * W * C;
    for (std::int64_t od = 0; od < OD; ++od) {
      for (std::int64_t oh = 0; oh < OH; ++oh) {
        for (std::int64_t ow = 0; ow < OW; ++ow) {
          T* o = y + (((n * OD + od) * OH + oh) * OW + ow) * C;
          const T init =
              mode == Mode::kMax ? -std::numeric_limits<T>::infinity() : T(0);
          std::fill(o, o + C, init);
          std::int64_t count = 0;
          for (std::int64_t d = p.win[0].start[od]; d < p.win[0].end[od]; ++d)
            for (std::int64_t h = p.win[1].start[oh]; h < p.win[1].end[oh]; ++h)
              for (std::int64_t w = p.win[2].start[ow]; w < p.win[2].end[ow];
                   ++w) {
                const T* xi = xn + ((d * H + h) * W + w) * C;
                ++count;
                if (mode == Mode::kMax) {
                  // NaN propagates, as in PyTorch.
                  for (std::int64_t c = 0; c < C; ++c)
                    o[c] = (xi[c] > o[c] || xi[c] != xi[c]) ? xi[c] : o[c];
                } else {
                  for (std::int64_t c = 0; c < C; ++c) o[c] += xi[c];
                }
              }
          if (mode == Mode::kAverage) {
            const T inv = count ? T(1) / T(count) : T(0);
            for (std::int64_t c = 0; c < C; ++c) o[c] *= inv;
          }
        }
      }
    }
  }
}

// One window element's share of a max-pool gradient: channels whose input
// is the output (NaN matches NaN) and that have not taken their gradient
// yet (done: 0 or 1) take it. Written as selects on separate (restrict)
// pointers so that the loop vectorizes.
template <class T>
void max_scatter(const T* __restrict xi, const T* __restrict yo,
                 const T* __restrict go, T* __restrict done, T* __restrict dx,
                 std::int64_t C) {
  for (std::int64_t c = 0; c < C; ++c) {
    const T v = xi[c], y = yo[c], d = done[c], g = go[c], o = dx[c];
    const T equal = v == y ? T(1) : T(0);
    const T hit = (std::isnan(v) && std::isnan(y)) ? T(1) : equal;
    const T fresh = hit * (T(1) - d);
    const T add = fresh > T(0) ? g : T(0);
    dx[c] = o + add;
    done[c] = d + fresh;
  }
}

// dx of the samples [n0, n1) for gradient g of y: max sends each g to the
// first element of its window equal to the output; average spreads
// g / count over the window.
template <class T>
void pool_backward(const Plan& p, Mode mode, const T* x, const T* y, const T* g,
                   T* dx, std::int64_t n0, std::int64_t n1) {
  const std::int64_t C = p.channels;
  const auto& [D, H, W] = p.in;
  const std::int64_t OD = p.win[0].out(), OH = p.win[1].out(),
                     OW = p.win[2].out();
  // Max: which channels of the window have taken their gradient.
  std::vector<T> done(std::size_t(C > 0 ? C : 1));
  for (std::int64_t n = n0; n < n1; ++n) {
    const std::int64_t base = n * D * H * W * C;
    for (std::int64_t od = 0; od < OD; ++od) {
      for (std::int64_t oh = 0; oh < OH; ++oh) {
        for (std::int64_t ow = 0; ow < OW; ++ow) {
          const std::int64_t oo = (((n * OD + od) * OH + oh) * OW + ow) * C;
          const T* go = g + oo;
          const T* yo = y + oo;
          const std::int64_t count = (p.win[0].end[od] - p.win[0].start[od]) *
                                     (p.win[1].end[oh] - p.win[1].start[oh]) *
                                     (p.win[2].end[ow] - p.win[2].start[ow]);
          const T inv = count ? T(1) / T(count) : T(0);
          if (mode == Mode::kMax) std::fill(done.begin(), done.end(), T(0));
          for (std::int64_t d = p.win[0].start[od]; d < p.win[0].end[od]; ++d)
            for (std::int64_t h = p.win[1].start[oh]; h < p.win[1].end[oh]; ++h)
              for (std::int64_t w = p.win[2].start[ow]; w < p.win[2].end[ow];
                   ++w) {
                const std::int64_t i = base + ((d * H + h) * W + w) * C;
                const T* xi = x + i;
                T* di = dx + i;
                if (mode == Mode::kAverage) {
                  for (std::int64_t c = 0; c < C; ++c) di[c] += go[c] * inv;
                  continue;
                }
                max_scatter(xi, yo, go, done.data(), di, C);
              }
        }
      }
    }
  }
}

// Samples per parallel part: about 64K input elements.
std::int64_t sample_grain(const Plan& p) {
  const std::int64_t per_sample =
      std::max<std::int64_t>(1, p.in[0] * p.in[1] * p.in[2] * p.channels);
  return std::max<std::int64_t>(1, (std::int64_t(1) << 16) / per_sample);
}

// Runs the kernel on a channels-last input `xl` with per-dim windows.
Tensor run_pool(const Tensor& xl, Mode mode, std::array<Windows, 3> win,
                const char* name) {
  const int dims = int(xl.ndim()) - 2;
  Plan p;
  p.batch = xl.dim(0);
  p.channels = xl.dim(xl.ndim() - 1);
  p.win = std::move(win);
  Shape out_shape{p.batch};
  for (int k = 0; k < 3; ++k) {
    const int dim = k - (3 - dims);  // spatial dims fill the last slots
    if (dim >= 0) {
      p.in[k] = xl.dim(1 + dim);
      out_shape.push_back(p.win[k].out());
    } else {
      p.win[k] = Windows{{0}, {1}};
    }
  }
  out_shape.push_back(p.channels);
  const DType dt = internal::float_dtype(xl.dtype());
  const Tensor x = convert(xl, dt);
  Tensor y = Tensor::empty(out_shape, dt);
  internal::dispatch_float(dt, [&](auto zero) {
    using T = decltype(zero);
    internal::parallel_ranges(
        p.batch, sample_grain(p), [&](std::int64_t n0, std::int64_t n1) {
          pool_forward<T>(p, mode, x.data<T>(), y.data<T>(), n0, n1);
        });
  });
  const Tensor yv = y.view(y.shape());
  return autograd::record(
      y, {xl},
      [p, mode, x, yv](const Tensor& g0) {
        const Tensor g = convert(g0, x.dtype());
        Tensor dx = Tensor::zeros(x.shape(), x.dtype());
        internal::dispatch_float(x.dtype(), [&](auto zero) {
          using T = decltype(zero);
          internal::parallel_ranges(
              p.batch, sample_grain(p), [&](std::int64_t n0, std::int64_t n1) {
                pool_backward<T>(p, mode, x.data<T>(), yv.data<T>(),
                                 g.data<T>(), dx.data<T>(), n0, n1);
              });
        });
        return Tensors{dx};
      },
      name);
}

// Shared driver: validates, moves channels last, builds the windows with
// `make(k, length)` (k = spatial dim index) and pools.
template <class MakeWindows, class OutLength>
Tensor pool(const Tensor& x, Mode mode, const std::string& data_format,
            const char* name, MakeWindows make, OutLength out_length) {
  check_data_format(data_format);
  const int dims = spatial_dims(x, name);
  const int rank = dims + 2;
  const bool first = data_format == "channels_first";
  if (x.is_symbolic()) {
    Shape s = x.shape();
    for (int k = 0; k < dims; ++k) {
      std::int64_t& d = s[first ? 2 + k : 1 + k];
      d = out_length(k, d);
    }
    return Tensor::symbolic(s, internal::float_dtype(x.dtype()));
  }
  const Tensor xl = first ? transpose(x, pool_to_last(rank)) : x;
  std::array<Windows, 3> win;
  for (int k = 0; k < dims; ++k) win[3 - dims + k] = make(k, xl.dim(1 + k));
  const Tensor y = run_pool(xl, mode, std::move(win), name);
  return first ? transpose(y, pool_to_first(rank)) : y;
}

Tensor strided_pool(const Tensor& x, Mode mode, const Sizes& pool_size0,
                    const Sizes& strides0, const std::string& padding,
                    const std::string& data_format, const char* name) {
  const int dims = spatial_dims(x, name);
  const Sizes pool_size = pool_standardize(pool_size0, dims, "pool_size");
  const Sizes strides = strides0.empty()
                            ? pool_size
                            : pool_standardize(strides0, dims, "strides");
  if (padding != "valid" && padding != "same") {
    throw ValueError(
        str("Argument `padding` must be either 'valid' or 'same'. Received: "
            "padding=",
            padding));
  }
  const bool first = data_format == "channels_first";
  for (int k = 0; k < dims; ++k) {
    const std::int64_t len = x.shape()[first ? 2 + k : 1 + k];
    if (len >= 0 &&
        pooled_length(len, pool_size[k], strides[k], padding) <= 0) {
      throw ValueError(
          str("Computed output size would be zero or negative. "
              "Received: `inputs.shape=",
              shape_str(x.shape()), "`, `pool_size=", pool_sizes_str(pool_size),
              "`, `strides=", pool_sizes_str(strides), "`, `padding=", padding,
              "`."));
    }
  }
  return pool(
      x, mode, data_format, name,
      [&](int k, std::int64_t len) {
        const std::int64_t n =
            pooled_length(len, pool_size[k], strides[k], padding);
        std::int64_t before = 0;
        if (padding == "same") {
          const std::int64_t total = std::max<std::int64_t>(
              0, (n - 1) * strides[k] + pool_size[k] - len);
          before = total / 2;
        }
        Windows w;
        for (std::int64_t o = 0; o < n; ++o) {
          const std::int64_t s = o * strides[k] - before;
          w.start.push_back(std::max<std::int64_t>(s, 0));
          w.end.push_back(std::min(s + pool_size[k], len));
        }
        return w;
      },
      [&](int k, std::int64_t len) {
        return pooled_length(len, pool_size[k], strides[k], padding);
      });
}

Tensor adaptive_pool(const Tensor& x, Mode mode, const Sizes& output_size0,
                     const std::string& data_format, const char* name) {
  const int dims = spatial_dims(x, name);
  const Sizes output_size = pool_standardize(output_size0, dims, "output_size");
  return pool(
      x, mode, data_format, name,
      [&](int k, std::int64_t len) {
        const std::int64_t n = output_size[k];
        Windows w;
        for (std::int64_t o = 0; o < n; ++o) {
          w.start.push_back(o * len / n);
          w.end.push_back(((o + 1) * len + n - 1) / n);
        }
        return w;
      },
      [&](int k, std::int64_t) { return output_size[k]; });
}

}  // namespace

std::int64_t pooled_length(std::int64_t length, std::int64_t pool_size,
                           std::int64_t stride, const std::string& padding) {
  if (length < 0) return -1;
  if (padding == "same") return (length + stride - 1) / stride;
  // Python floors the (possibly negative) quotient.
  const std::int64_t num = length - pool_size;
  const std::int64_t q =
      num >= 0 ? num / stride : -((-num + stride - 1) / stride);
  return q + 1;
}

Tensor max_pool(const Tensor& x, const Sizes& pool_size, const Sizes& strides,
                const std::string& padding, const std::string& data_format) {
  return strided_pool(x, Mode::kMax, pool_size, strides, padding, data_format,
                      "max_pool");
}

Tensor average_pool(const Tensor& x, const Sizes& pool_size,
                    const Sizes& strides, const std::string& padding,
                    const std::string& data_format) {
  return strided_pool(x, Mode::kAverage, pool_size, strides, padding,
                      data_format, "average_pool");
}

Tensor adaptive_max_pool(const Tensor& x, const Sizes& output_size,
                         const std::string& data_format) {
  return adaptive_pool(x, Mode::kMax, output_size, data_format,
                       "adaptive_max_pool");
}

Tensor adaptive_average_pool(const Tensor& x, const Sizes& output_size,
                             const std::string& data_format) {
  return adaptive_pool(x, Mode::kAverage, output_size, data_format,
                       "adaptive_average_pool");
}

}  // namespace keras::ops
