// Convolution ops of conv.h. One channels-last kernel serves 1D, 2D and 3D
// (fewer spatial dims are size-1 dims) and every padding, stride, dilation
// and group count: the input is unrolled into a column matrix (im2col) whose
// row for output position p holds, for each group, every kernel tap's input
// channels of that group; then one GEMM per group multiplies it with the
// kernel, which Keras' (*kernel_size, in / groups, out) layout already makes
// a (taps * in / groups, out) matrix. The input gradient is the transposed
// product scattered back (col2im), the kernel gradient col^T @ grad. The
// column matrix is built for a bounded number of output rows at a time.
// A transposed convolution is the input gradient of the convolution it
// transposes, so it reuses the same three kernels.
#include "keras/ops/conv.h"

#include <cblas.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <type_traits>

#include "keras/core/error.h"
#include "keras/ops/autograd.h"
#include "keras/ops/internal/common.h"
#include "keras/ops/internal/conv_direct.h"
#include "keras/ops/internal/parallel.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

namespace {

using internal::convert;
using Sizes = std::vector<std::int64_t>;
using Dims3 = std::array<std::int64_t, 3>;

// A channels-last convolution seen as 3D: x (batch, in..., cin), kernel
// (k..., cin / groups, cout), y (batch, out..., cout). Output o along a dim
// reads input o * stride - pad + t * dilation for kernel tap t.
struct Geometry {
  std::int64_t batch = 1, cin = 1, cout = 1, groups = 1;
  Dims3 in{1, 1, 1}, out{1, 1, 1}, k{1, 1, 1}, stride{1, 1, 1},
      dilation{1, 1, 1}, pad{0, 0, 0};

  std::int64_t in_size() const { return in[0] * in[1] * in[2]; }
  std::int64_t out_size() const { return out[0] * out[1] * out[2]; }
  std::int64_t taps() const { return k[0] * k[1] * k[2]; }
  std::int64_t cin_g() const { return cin / groups; }
  std::int64_t cout_g() const { return cout / groups; }
  // Columns of one group's block, and of a whole row of the column matrix.
  std::int64_t group_cols() const { return taps() * cin_g(); }
  std::int64_t row() const { return taps() * cin; }
  // A 1x1 convolution without stride or padding is a plain matmul of x.
  bool pointwise() const {
    return taps() == 1 && groups == 1 && in == out && pad == Dims3{0, 0, 0};
  }
};

void conv_gemm(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k,
               const float* a, std::int64_t lda, const float* b,
               std::int64_t ldb, float beta, float* c, std::int64_t ldc) {
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
              tb ? CblasTrans : CblasNoTrans, int(m), int(n), int(k), 1.0f, a,
              int(lda), b, int(ldb), beta, c, int(ldc));
}
void conv_gemm(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k,
               const double* a, std::int64_t lda, const double* b,
               std::int64_t ldb, double beta, double* c, std::int64_t ldc) {
  cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
              tb ? CblasTrans : CblasNoTrans, int(m), int(n), int(k), 1.0, a,
              int(lda), b, int(ldb), beta, c, int(ldc));
}

// Output rows (batch * out positions) per column-matrix chunk: about 4M
// elements, enough rows for an efficient GEMM.
std::int64_t chunk_rows(const Geometry& g) {
  const std::int64_t budget = std::int64_t(1) << 22;
  return std::max<std::int64_t>(256,
                                budget / std::max<std::int64_t>(1, g.row()));
}

// Calls f(r, t, src) for every output row r in [r0, r1) and kernel tap t,
// with src the offset of the input pixel (channel 0) that the tap reads, or
// -1 where it falls in the padding.
template <class F>
void for_each_tap(const Geometry& g, std::int64_t r0, std::int64_t r1, F f) {
  const std::int64_t out_size = g.out_size();
  for (std::int64_t r = r0; r < r1; ++r) {
    const std::int64_t n = r / out_size, p = r % out_size;
    const std::int64_t o2 = p % g.out[2], o1 = (p / g.out[2]) % g.out[1],
                       o0 = p / (g.out[2] * g.out[1]);
    const std::int64_t base = n * g.in_size();
    std::int64_t t = 0;
    for (std::int64_t k0 = 0; k0 < g.k[0]; ++k0) {
      const std::int64_t i0 = o0 * g.stride[0] - g.pad[0] + k0 * g.dilation[0];
      const bool v0 = i0 >= 0 && i0 < g.in[0];
      for (std::int64_t k1 = 0; k1 < g.k[1]; ++k1) {
        const std::int64_t i1 =
            o1 * g.stride[1] - g.pad[1] + k1 * g.dilation[1];
        const bool v1 = v0 && i1 >= 0 && i1 < g.in[1];
        for (std::int64_t k2 = 0; k2 < g.k[2]; ++k2, ++t) {
          const std::int64_t i2 =
              o2 * g.stride[2] - g.pad[2] + k2 * g.dilation[2];
          const bool v = v1 && i2 >= 0 && i2 < g.in[2];
          f(r - r0, t,
            v ? (base + (i0 * g.in[1] + i1) * g.in[2] + i2) * g.cin : -1);
        }
      }
    }
  }
}

// col (r1 - r0, row()) = the unrolled input of output rows [r0, r1).
template <class T>
void im2col(const Geometry& g, const T* x, std::int64_t r0, std::int64_t r1,
            T* col) {
  const std::int64_t cg = g.cin_g(), taps = g.taps(), row = g.row();
  for_each_tap(g, r0, r1, [&](std::int64_t r, std::int64_t t, std::int64_t s) {
    T* dst = col + r * row + t * cg;
    for (std::int64_t gi = 0; gi < g.groups; ++gi) {
      T* d = dst + gi * taps * cg;
      if (s < 0) {
        std::fill(d, d + cg, T(0));
      } else {
        std::memcpy(d, x + s + gi * cg, std::size_t(cg) * sizeof(T));
      }
    }
  });
}

// dx += the column gradient of output rows [r0, r1) scattered back.
template <class T>
void col2im(const Geometry& g, const T* col, std::int64_t r0, std::int64_t r1,
            T* dx) {
  const std::int64_t cg = g.cin_g(), taps = g.taps(), row = g.row();
  for_each_tap(g, r0, r1, [&](std::int64_t r, std::int64_t t, std::int64_t s) {
    if (s < 0) return;
    const T* src = col + r * row + t * cg;
    for (std::int64_t gi = 0; gi < g.groups; ++gi) {
      const T* a = src + gi * taps * cg;
      T* d = dx + s + gi * cg;
      for (std::int64_t c = 0; c < cg; ++c) d[c] += a[c];
    }
  });
}

// Runs body(r0, r1, col) over chunks of the output rows.
template <class T, class F>
void for_each_chunk(const Geometry& g, F body) {
  const std::int64_t rows = g.batch * g.out_size();
  if (rows == 0) return;
  const std::int64_t step = std::min(rows, chunk_rows(g));
  std::vector<T> col(std::size_t(step * g.row()));
  for (std::int64_t r0 = 0; r0 < rows; r0 += step) {
    body(r0, std::min(rows, r0 + step), col.data());
  }
}

// The direct kernels (conv_direct.h) serve float32 without groups when
// the CPU has them: no column matrix, rows split over the threads.
bool direct_applies(const Geometry& g) {
  return internal::direct_conv_width() > 0 && g.groups == 1 && !g.pointwise();
}

internal::DirectConv direct_of(const Geometry& g) {
  const int width = internal::direct_conv_width();
  internal::DirectConv d;
  d.batch = g.batch;
  d.cin = g.cin;
  d.cout = g.cout;
  for (int i = 0; i < 3; ++i) {
    d.in[i] = g.in[i];
    d.out[i] = g.out[i];
    d.k[i] = g.k[i];
    d.stride[i] = g.stride[i];
    d.dilation[i] = g.dilation[i];
    d.pad[i] = g.pad[i];
  }
  // The kernels read whole vectors of output channels: pad the columns.
  d.ldw = (g.cout + width - 1) / width * width;
  d.width = width;
  return d;
}

// (rows, cols) copied into (rows, ld) with zero columns after cols.
std::vector<float> pad_columns(const float* a, std::int64_t rows,
                               std::int64_t cols, std::int64_t ld) {
  std::vector<float> out(std::size_t(rows * ld), 0.0f);
  for (std::int64_t i = 0; i < rows; ++i) {
    std::copy(a + i * cols, a + (i + 1) * cols, out.data() + i * ld);
  }
  return out;
}

// Per-thread pointer scratch of the direct kernels.
struct DirectScratch {
  std::vector<const float*> src;
  std::vector<std::int64_t> off;
  explicit DirectScratch(const internal::DirectConv& d)
      : src(std::size_t(d.taps() * d.rows_per_tile)),
        off(std::size_t(d.taps())) {}
};

// y = the convolution of x with w, plus `bias` (cout values) if given.
void direct_forward(const Geometry& g, const float* x, const float* w, float* y,
                    const float* bias = nullptr) {
  internal::DirectConv d = direct_of(g);
  std::vector<float> padded, padded_bias;
  if (d.ldw != g.cout) {
    padded = pad_columns(w, g.row(), g.cout, d.ldw);
    w = padded.data();
    if (bias) {
      padded_bias = pad_columns(bias, 1, g.cout, d.ldw);
      bias = padded_bias.data();
    }
  }
  d.bias = bias;
  const std::vector<float> zeros(std::size_t(g.cin), 0.0f);
  d.x = x;
  d.w = w;
  d.y = y;
  d.zeros = zeros.data();
  internal::direct_conv_plan(d);
  // Threads pay off above ~1M multiply-adds each.
  const std::int64_t per_tile = d.rows_per_tile * g.row() * d.ldw;
  const std::int64_t grain =
      std::max<std::int64_t>(1, (std::int64_t(1) << 20) / per_tile);
  internal::parallel_ranges(
      d.tiles(), grain, [&](std::int64_t b, std::int64_t e) {
        DirectScratch s(d);
        internal::direct_conv_tiles(d, b, e, s.src.data(), s.off.data());
      });
}

// With stride 1 the input gradient is the convolution of gy with the
// kernel flipped in space and transposed in channels, padded by
// keff - 1 - pad before each dim. Returns false for other strides.
bool direct_backward_input(const Geometry& g, const float* gy, const float* w,
                           float* dx) {
  if (g.stride != Dims3{1, 1, 1}) return false;
  Geometry t = g;
  std::swap(t.cin, t.cout);
  std::swap(t.in, t.out);
  for (int i = 0; i < 3; ++i) {
    t.pad[i] = (g.k[i] - 1) * g.dilation[i] - g.pad[i];
  }
  const std::int64_t taps = g.taps();
  std::vector<float> wt(std::size_t(taps * g.cin * g.cout));
  for (std::int64_t k = 0; k < taps; ++k) {
    const float* src = w + (taps - 1 - k) * g.cin * g.cout;
    float* dst = wt.data() + k * g.cout * g.cin;
    for (std::int64_t ci = 0; ci < g.cin; ++ci) {
      for (std::int64_t co = 0; co < g.cout; ++co) {
        dst[co * g.cin + ci] = src[ci * g.cout + co];
      }
    }
  }
  direct_forward(t, gy, wt.data(), dx);
  return true;
}

// dw (fully written): each thread sums its rows' products into its own
// copy, the copies are added at the end.
void direct_backward_kernel(const Geometry& g, const float* x, const float* gy,
                            float* dw) {
  internal::DirectConv d = direct_of(g);
  std::vector<float> padded;
  if (d.ldw != g.cout) {
    padded = pad_columns(gy, g.batch * g.out_size(), g.cout, d.ldw);
    gy = padded.data();
  }
  const std::vector<float> zeros(std::size_t(g.cin), 0.0f);
  d.x = x;
  d.zeros = zeros.data();
  d.rows_per_tile = 64;  // rows per chunk: their gradients stay in cache
  const std::int64_t rows = d.rows(), k = g.row();
  const std::int64_t per_row = k * d.ldw;
  const std::int64_t grain =
      std::max<std::int64_t>(1, (std::int64_t(1) << 22) / per_row);
  const std::int64_t parts =
      std::clamp<std::int64_t>(rows / grain, 1, internal::num_threads());
  std::vector<std::vector<float>> partial(static_cast<std::size_t>(parts));
  internal::parallel_for(int(parts), [&](int p) {
    std::vector<float>& acc = partial[std::size_t(p)];
    acc.assign(std::size_t(k * d.ldw), 0.0f);
    DirectScratch s(d);
    internal::direct_conv_kernel_grad(d, gy, rows * p / parts,
                                      rows * (p + 1) / parts, acc.data(),
                                      s.src.data(), s.off.data());
  });
  for (std::int64_t i = 0; i < k; ++i) {
    for (std::int64_t j = 0; j < g.cout; ++j) {
      float v = partial[0][std::size_t(i * d.ldw + j)];
      for (std::size_t p = 1; p < partial.size(); ++p) {
        v += partial[p][std::size_t(i * d.ldw + j)];
      }
      dw[i * g.cout + j] = v;
    }
  }
}

template <class T>
void conv_forward(const Geometry& g, const T* x, const T* w, T* y) {
  const std::int64_t rows = g.batch * g.out_size();
  if (rows == 0 || g.cout == 0) return;
  if (g.row() == 0) {
    std::fill(y, y + rows * g.cout, T(0));
    return;
  }
  if constexpr (std::is_same_v<T, float>) {
    if (direct_applies(g)) return direct_forward(g, x, w, y);
  }
  if (g.pointwise()) {
    conv_gemm(false, false, rows, g.cout, g.cin, x, g.cin, w, g.cout, T(0), y,
              g.cout);
    return;
  }
  for_each_chunk<T>(g, [&](std::int64_t r0, std::int64_t r1, T* col) {
    im2col(g, x, r0, r1, col);
    for (std::int64_t gi = 0; gi < g.groups; ++gi) {
      conv_gemm(false, false, r1 - r0, g.cout_g(), g.group_cols(),
                col + gi * g.group_cols(), g.row(), w + gi * g.cout_g(), g.cout,
                T(0), y + r0 * g.cout + gi * g.cout_g(), g.cout);
    }
  });
}

// dx (fully written) for the output gradient gy.
template <class T>
void conv_backward_input(const Geometry& g, const T* gy, const T* w, T* dx) {
  const std::int64_t n_in = g.batch * g.in_size() * g.cin;
  if constexpr (std::is_same_v<T, float>) {
    if (n_in > 0 && g.cout > 0 && direct_applies(g) &&
        direct_backward_input(g, gy, w, dx)) {
      return;
    }
  }
  if (g.pointwise() && g.cout > 0 && n_in > 0) {
    conv_gemm(false, true, g.batch * g.in_size(), g.cin, g.cout, gy, g.cout, w,
              g.cout, T(0), dx, g.cin);
    return;
  }
  std::fill(dx, dx + n_in, T(0));
  if (g.cout == 0 || g.row() == 0) return;
  for_each_chunk<T>(g, [&](std::int64_t r0, std::int64_t r1, T* col) {
    for (std::int64_t gi = 0; gi < g.groups; ++gi) {
      conv_gemm(false, true, r1 - r0, g.group_cols(), g.cout_g(),
                gy + r0 * g.cout + gi * g.cout_g(), g.cout, w + gi * g.cout_g(),
                g.cout, T(0), col + gi * g.group_cols(), g.row());
    }
    col2im(g, col, r0, r1, dx);
  });
}

// dw (fully written) for the input x and the output gradient gy.
template <class T>
void conv_backward_kernel(const Geometry& g, const T* x, const T* gy, T* dw) {
  const std::int64_t rows = g.batch * g.out_size();
  std::fill(dw, dw + g.group_cols() * g.cout, T(0));
  if (rows == 0 || g.cout == 0 || g.row() == 0) return;
  if constexpr (std::is_same_v<T, float>) {
    if (direct_applies(g)) return direct_backward_kernel(g, x, gy, dw);
  }
  if (g.pointwise()) {
    conv_gemm(true, false, g.cin, g.cout, rows, x, g.cin, gy, g.cout, T(0), dw,
              g.cout);
    return;
  }
  for_each_chunk<T>(g, [&](std::int64_t r0, std::int64_t r1, T* col) {
    im2col(g, x, r0, r1, col);
    for (std::int64_t gi = 0; gi < g.groups; ++gi) {
      conv_gemm(true, false, g.group_cols(), g.cout_g(), r1 - r0,
                col + gi * g.group_cols(), g.row(),
                gy + r0 * g.cout + gi * g.cout_g(), g.cout, T(1),
                dw + gi * g.cout_g(), g.cout);
    }
  });
}

enum class Kernel { kForward, kBackwardInput, kBackwardKernel };

// out = one of the three kernels on float tensors a, b of dtype dt.
Tensor run(Kernel which, const Geometry& g, const Tensor& a, const Tensor& b,
           const Shape& out_shape) {
  Tensor out = Tensor::empty(out_shape, a.dtype());
  internal::dispatch_float(a.dtype(), [&](auto zero) {
    using T = decltype(zero);
    switch (which) {
      case Kernel::kForward:
        conv_forward<T>(g, a.data<T>(), b.data<T>(), out.data<T>());
        break;
      case Kernel::kBackwardInput:
        conv_backward_input<T>(g, a.data<T>(), b.data<T>(), out.data<T>());
        break;
      case Kernel::kBackwardKernel:
        conv_backward_kernel<T>(g, a.data<T>(), b.data<T>(), out.data<T>());
        break;
    }
  });
  return out;
}

Tensor as_dtype(const Tensor& t, DType dtype) {
  return t.dtype() == dtype ? t : t.astype(dtype);
}

std::string sizes_str(const Sizes& v) {
  std::string s = "(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(v[i]);
  }
  return s + (v.size() == 1 ? ",)" : ")");
}

// Keras' standardize_tuple: one value for every dim, or exactly n values.
Sizes standardize(const Sizes& value, std::size_t n, const char* name,
                  bool allow_zero = false) {
  const std::string msg =
      str("The `", name, "` argument must be a tuple of ", n,
          " integers. Received ", name, "=", sizes_str(value));
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

// Validated arguments common to every op: spatial dim count, strides,
// dilation, data format.
struct Args {
  int dims = 0;
  bool first = false;
  Sizes strides, dilation;
};

Args check_args(const char* op, const Tensor& x, const Tensor& kernel,
                const Sizes& strides, const std::string& padding,
                const std::string& data_format, const Sizes& dilation,
                bool allow_causal) {
  internal::check_defined(op, {&x, &kernel});
  if (x.ndim() < 3 || x.ndim() > 5) {
    throw ValueError(str("Inputs to ", op,
                         " must have ndim=3, 4 or 5, corresponding to 1D, 2D "
                         "and 3D inputs. Received input shape: ",
                         shape_str(x.shape()), "."));
  }
  if (kernel.ndim() != x.ndim()) {
    throw ValueError(
        str(op, ": the kernel must have the rank of the inputs (", x.ndim(),
            "). Received: kernel.shape=", shape_str(kernel.shape()),
            ", inputs.shape=", shape_str(x.shape())));
  }
  if (data_format != "channels_last" && data_format != "channels_first") {
    throw ValueError(
        str("The `data_format` argument must be one of {'channels_first', "
            "'channels_last'}. Received: data_format=",
            data_format));
  }
  if (padding != "valid" && padding != "same" &&
      !(allow_causal && padding == "causal")) {
    throw ValueError(
        str("The `padding` argument must be one of ",
            allow_causal ? "'valid', 'same', 'causal'" : "'valid', 'same'",
            ". Received: padding=", padding));
  }
  Args a;
  a.dims = int(x.ndim()) - 2;
  a.first = data_format == "channels_first";
  a.strides = standardize(strides, a.dims, "strides");
  a.dilation = standardize(dilation, a.dims, "dilation_rate");
  return a;
}

std::int64_t channels(const Tensor& x, const Args& a) {
  return x.shape()[a.first ? 1 : x.ndim() - 1];
}
std::int64_t spatial(const Tensor& x, const Args& a, int k) {
  return x.shape()[a.first ? 2 + k : 1 + k];
}

// Shape of a result with `spatial_out` dims and `c` channels.
Shape result_shape(const Tensor& x, const Args& a, const Sizes& spatial_out,
                   std::int64_t c) {
  Shape s{x.shape()[0]};
  if (a.first) s.push_back(c);
  for (std::int64_t d : spatial_out) s.push_back(d);
  if (!a.first) s.push_back(c);
  return s;
}

// Permutations between channels-first and channels-last.
Axes to_last(int rank) {
  Axes p{0};
  for (int i = 2; i < rank; ++i) p.push_back(i);
  p.push_back(1);
  return p;
}
Axes to_first(int rank) {
  Axes p{0, rank - 1};
  for (int i = 1; i < rank - 1; ++i) p.push_back(i);
  return p;
}

// Channels-last shape of a result.
Shape last_shape(const Shape& s, bool first) {
  if (!first) return s;
  Shape out{s[0]};
  for (std::size_t i = 2; i < s.size(); ++i) out.push_back(s[i]);
  out.push_back(s[1]);
  return out;
}

// Fills the per-dim sizes of `g` (spatial dims take the last slots).
void set_dims(Geometry& g, int dims, const Sizes& in, const Sizes& out,
              const Tensor& kernel, const Args& a, const Sizes& pad) {
  for (int k = 0; k < dims; ++k) {
    const int s = 3 - dims + k;
    g.in[s] = in[k];
    g.out[s] = out[k];
    g.k[s] = kernel.dim(k);
    g.stride[s] = a.strides[k];
    g.dilation[s] = a.dilation[k];
    g.pad[s] = pad[k];
  }
}

// Pads before each spatial dim of a convolution.
std::int64_t conv_pad_before(std::int64_t length, std::int64_t kernel_size,
                             std::int64_t stride, const std::string& padding,
                             std::int64_t dilation) {
  const std::int64_t keff = (kernel_size - 1) * dilation + 1;
  if (padding == "causal") return keff - 1;
  if (padding != "same") return 0;
  const std::int64_t out = (length + stride - 1) / stride;
  return std::max<std::int64_t>((out - 1) * stride + keff - length, 0) / 2;
}

// Left padding of the stride-dilated input in the transposed convolution
// (JAX's formulation, which Keras follows on every backend).
std::int64_t transpose_left_pad(std::int64_t kernel_size, std::int64_t stride,
                                const std::string& padding,
                                std::int64_t output_padding,
                                std::int64_t dilation) {
  const std::int64_t keff = (kernel_size - 1) * dilation + 1;
  if (padding == "valid") return keff - 1;
  const std::int64_t pad_len = output_padding < 0
                                   ? stride + keff - 2
                                   : keff + keff % 2 - 2 + output_padding;
  return std::min(pad_len / 2 + pad_len % 2, keff - 1);
}

}  // namespace

std::int64_t conv_output_length(std::int64_t length, std::int64_t kernel_size,
                                std::int64_t stride, const std::string& padding,
                                std::int64_t dilation) {
  if (length < 0) return -1;
  const std::int64_t keff = (kernel_size - 1) * dilation + 1;
  if (padding == "same") return (length + stride - 1) / stride;
  const std::int64_t num = length + (padding == "causal" ? keff - 1 : 0) - keff;
  // Python floors the (possibly negative) quotient.
  const std::int64_t q =
      num >= 0 ? num / stride : -((-num + stride - 1) / stride);
  return q + 1;
}

std::int64_t conv_transpose_output_length(std::int64_t length,
                                          std::int64_t kernel_size,
                                          std::int64_t stride,
                                          const std::string& padding,
                                          std::int64_t output_padding,
                                          std::int64_t dilation) {
  if (length < 0) return -1;
  const std::int64_t keff = (kernel_size - 1) * dilation + 1;
  if (padding == "valid") {
    const std::int64_t op =
        output_padding < 0 ? std::max(keff, stride) - keff : output_padding;
    return (length - 1) * stride + keff + op;
  }
  if (output_padding < 0) return length * stride;
  return (length - 1) * stride + keff % 2 + output_padding;
}

namespace {

// Per-channel sums of gy (rows, cout) in double: the bias gradient.
Tensor channel_sums(const Tensor& gy, std::int64_t cout) {
  const float* g = gy.data<float>();
  const std::int64_t rows = cout ? shape_size(gy.shape()) / cout : 0;
  std::vector<double> acc(std::size_t(cout), 0.0);
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t c = 0; c < cout; ++c) {
      acc[std::size_t(c)] += g[r * cout + c];
    }
  }
  Tensor out = Tensor::empty({cout}, DType::float32);
  for (std::int64_t c = 0; c < cout; ++c) {
    out.data<float>()[c] = float(acc[std::size_t(c)]);
  }
  return out;
}

// conv, and conv_with_bias when `bias` is defined.
Tensor conv_impl(const Tensor& x, const Tensor& kernel, const Tensor& bias,
                 const Sizes& strides, const std::string& padding,
                 const std::string& data_format, const Sizes& dilation_rate) {
  const Args a = check_args("conv", x, kernel, strides, padding, data_format,
                            dilation_rate, true);
  const int dims = a.dims;
  const std::int64_t cin = channels(x, a), cin_g = kernel.dim(dims),
                     cout = kernel.dim(dims + 1);
  std::int64_t groups = 1;
  if (cin >= 0) {
    if (cin_g <= 0 || cin % cin_g != 0) {
      throw ValueError(
          str("The number of input channels must be evenly divisible by the "
              "kernel's input channels (groups = input channels / kernel input "
              "channels). Received: input channels=",
              cin, ", kernel.shape=", shape_str(kernel.shape())));
    }
    groups = cin / cin_g;
    if (cout % groups != 0) {
      throw ValueError(
          str("The number of output channels must be evenly "
              "divisible by the number of groups. Received: "
              "groups=",
              groups, ", kernel.shape=", shape_str(kernel.shape())));
    }
  }
  Sizes in(dims), out(dims), pad(dims);
  for (int k = 0; k < dims; ++k) {
    in[k] = spatial(x, a, k);
    out[k] = conv_output_length(in[k], kernel.dim(k), a.strides[k], padding,
                                a.dilation[k]);
    if (in[k] >= 0 && out[k] <= 0) {
      throw ValueError(str(
          "Computed output size would be negative. Received `inputs shape=",
          shape_str(x.shape()), "`, `kernel shape=", shape_str(kernel.shape()),
          "`, `dilation_rate=", sizes_str(a.dilation), "`."));
    }
    pad[k] = conv_pad_before(in[k], kernel.dim(k), a.strides[k], padding,
                             a.dilation[k]);
  }
  const DType dt =
      internal::float_dtype(internal::promote_types(x.dtype(), kernel.dtype()));
  const Shape shape = result_shape(x, a, out, cout);
  const int rank = dims + 2;
  // The bias as a separate add: conv(...) + bias laid along the channels.
  auto separate_bias = [&] {
    Shape along(std::size_t(rank), 1);
    along[a.first ? 1 : std::size_t(rank - 1)] = bias.dim(0);
    return add(conv_impl(x, kernel, Tensor(), strides, padding, data_format,
                         dilation_rate),
               reshape(bias, along));
  };
  if (internal::any_symbolic({&x, &kernel}) ||
      (bias.defined() && bias.is_symbolic())) {
    return bias.defined() ? separate_bias() : Tensor::symbolic(shape, dt);
  }

  const Tensor xl = a.first ? transpose(x, to_last(rank)) : x;
  Geometry g;
  g.batch = x.dim(0);
  g.cin = cin;
  g.cout = cout;
  g.groups = groups;
  set_dims(g, dims, in, out, kernel, a, pad);
  const Tensor xc = convert(xl, dt), wc = convert(kernel, dt);
  if (bias.defined()) {
    // Only float32 channels-last on the direct kernels is fused.
    if (a.first || dt != DType::float32 || bias.dtype() != DType::float32 ||
        bias.ndim() != 1 || bias.dim(0) != cout || !direct_applies(g)) {
      return separate_bias();
    }
  }
  // With a (fused) bias, its gradient is the output gradient's channel sums.
  const bool with_bias = bias.defined();
  Tensor y;
  if (with_bias) {
    y = Tensor::empty(last_shape(shape, a.first), dt);
    direct_forward(g, xc.data<float>(), wc.data<float>(), y.data<float>(),
                   bias.data<float>());
  } else {
    y = run(Kernel::kForward, g, xc, wc, last_shape(shape, a.first));
  }
  const bool need_dx = xl.requires_grad(), need_dw = kernel.requires_grad(),
             need_db = with_bias && bias.requires_grad();
  const DType x_dtype = xl.dtype(), w_dtype = kernel.dtype();
  Tensors inputs{xl, kernel};
  if (with_bias) inputs.push_back(bias);
  const Tensor yl = autograd::record(
      y, inputs,
      [g, xc, wc, need_dx, need_dw, need_db, with_bias, x_dtype,
       w_dtype](const Tensor& g0) {
        const Tensor gy = convert(g0, xc.dtype());
        Tensors grads(with_bias ? 3 : 2);
        if (need_dx) {
          grads[0] = as_dtype(
              run(Kernel::kBackwardInput, g, gy, wc, xc.shape()), x_dtype);
        }
        if (need_dw) {
          grads[1] = as_dtype(
              run(Kernel::kBackwardKernel, g, xc, gy, wc.shape()), w_dtype);
        }
        if (need_db) grads[2] = channel_sums(gy, g.cout);
        return grads;
      },
      "conv");
  return a.first ? transpose(yl, to_first(rank)) : yl;
}

}  // namespace

Tensor conv(const Tensor& x, const Tensor& kernel, const Sizes& strides,
            const std::string& padding, const std::string& data_format,
            const Sizes& dilation_rate) {
  return conv_impl(x, kernel, Tensor(), strides, padding, data_format,
                   dilation_rate);
}

Tensor conv_with_bias(const Tensor& x, const Tensor& kernel, const Tensor& bias,
                      const Sizes& strides, const std::string& padding,
                      const std::string& data_format,
                      const Sizes& dilation_rate) {
  internal::check_defined("conv_with_bias", {&bias});
  return conv_impl(x, kernel, bias, strides, padding, data_format,
                   dilation_rate);
}

Tensor conv_transpose(const Tensor& x, const Tensor& kernel,
                      const Sizes& strides, const std::string& padding,
                      const Sizes& output_padding,
                      const std::string& data_format,
                      const Sizes& dilation_rate) {
  const Args a = check_args("conv_transpose", x, kernel, strides, padding,
                            data_format, dilation_rate, false);
  const int dims = a.dims;
  const Sizes op = output_padding.empty() ? Sizes(dims, -1)
                                          : standardize(output_padding, dims,
                                                        "output_padding", true);
  const std::int64_t cin = channels(x, a), filters = kernel.dim(dims),
                     kernel_in = kernel.dim(dims + 1);
  if (cin >= 0 && cin != kernel_in) {
    throw ValueError(
        str("The number of input channels must match the kernel's input "
            "channels. Received: input channels=",
            cin, ", kernel input channels=", kernel_in, ", data_format='",
            data_format, "'."));
  }
  Sizes in(dims), out(dims), pad(dims);
  for (int k = 0; k < dims; ++k) {
    in[k] = spatial(x, a, k);
    out[k] = conv_transpose_output_length(in[k], kernel.dim(k), a.strides[k],
                                          padding, op[k], a.dilation[k]);
    const std::int64_t keff = (kernel.dim(k) - 1) * a.dilation[k] + 1;
    pad[k] = keff - 1 -
             transpose_left_pad(kernel.dim(k), a.strides[k], padding, op[k],
                                a.dilation[k]);
    if (in[k] >= 0 && out[k] <= 0) {
      throw ValueError(
          str("Computed output size would be negative. Received "
              "`inputs shape=",
              shape_str(x.shape()),
              "`, `kernel shape=", shape_str(kernel.shape()), "`."));
    }
  }
  const DType dt =
      internal::float_dtype(internal::promote_types(x.dtype(), kernel.dtype()));
  const Shape shape = result_shape(x, a, out, filters);
  if (internal::any_symbolic({&x, &kernel})) return Tensor::symbolic(shape, dt);

  // The convolution this one transposes maps (batch, out..., filters) to
  // (batch, in..., cin) with the same kernel.
  const int rank = dims + 2;
  const Tensor xl = a.first ? transpose(x, to_last(rank)) : x;
  Geometry g;
  g.batch = x.dim(0);
  g.cin = filters;
  g.cout = cin;
  set_dims(g, dims, out, in, kernel, a, pad);
  const Tensor xc = convert(xl, dt), wc = convert(kernel, dt);
  const Tensor y =
      run(Kernel::kBackwardInput, g, xc, wc, last_shape(shape, a.first));
  const bool need_dx = xl.requires_grad(), need_dw = kernel.requires_grad();
  const DType x_dtype = xl.dtype(), w_dtype = kernel.dtype();
  const Tensor yl = autograd::record(
      y, {xl, kernel},
      [g, xc, wc, need_dx, need_dw, x_dtype, w_dtype](const Tensor& g0) {
        const Tensor gy = convert(g0, xc.dtype());
        Tensors grads(2);
        if (need_dx) {
          grads[0] =
              as_dtype(run(Kernel::kForward, g, gy, wc, xc.shape()), x_dtype);
        }
        if (need_dw) {
          grads[1] = as_dtype(
              run(Kernel::kBackwardKernel, g, gy, xc, wc.shape()), w_dtype);
        }
        return grads;
      },
      "conv_transpose");
  return a.first ? transpose(yl, to_first(rank)) : yl;
}

Tensor depthwise_conv(const Tensor& x, const Tensor& kernel,
                      const Sizes& strides, const std::string& padding,
                      const std::string& data_format,
                      const Sizes& dilation_rate) {
  const Args a = check_args("depthwise_conv", x, kernel, strides, padding,
                            data_format, dilation_rate, true);
  const std::int64_t cin = channels(x, a);
  const std::int64_t kin = kernel.dim(a.dims), mult = kernel.dim(a.dims + 1);
  if (cin >= 0 && cin != kin) {
    throw ValueError(
        str("The number of input channels must match the kernel's input "
            "channels. Received: input channels=",
            cin, ", kernel input channels=", kin, ", data_format='",
            data_format, "'."));
  }
  // A depthwise kernel (k..., in, mult) is the grouped kernel
  // (k..., 1, in * mult) with groups = in: output channel c * mult + m.
  Shape grouped(kernel.shape().begin(), kernel.shape().end() - 2);
  grouped.push_back(1);
  grouped.push_back(kin * mult);
  return conv(x, reshape(kernel, grouped), a.strides, padding, data_format,
              a.dilation);
}

Tensor separable_conv(const Tensor& x, const Tensor& depthwise_kernel,
                      const Tensor& pointwise_kernel, const Sizes& strides,
                      const std::string& padding,
                      const std::string& data_format,
                      const Sizes& dilation_rate) {
  const Tensor depthwise = depthwise_conv(x, depthwise_kernel, strides, padding,
                                          data_format, dilation_rate);
  return conv(depthwise, pointwise_kernel, {1}, "valid", data_format, {1});
}

}  // namespace keras::ops
