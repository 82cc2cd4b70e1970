// matmul (numpy.h): NumPy semantics on top of OpenBLAS gemm.
//
// 1-D operands are promoted to matrices with recorded reshapes, so the core
// (and its gradient) only deals with rank >= 2 and broadcast batch dims.
// float32/float64 go through cblas_sgemm/dgemm, one call per batch matrix,
// or a single call when b is a plain matrix (a's batch folds into its rows).
// Integer dtypes use a simple triple loop.
#include <cblas.h>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/kernels.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

using internal::convert;

namespace {

Shape batch_of(const Shape& s) { return Shape(s.begin(), s.end() - 2); }

template <class T>
void blas_gemv(bool trans, std::int64_t rows, std::int64_t cols, const T* mat,
               const T* x, T* y) {
  const auto op = trans ? CblasTrans : CblasNoTrans;
  const auto r = static_cast<blasint>(rows), c = static_cast<blasint>(cols);
  if constexpr (std::is_same_v<T, float>) {
    cblas_sgemv(CblasRowMajor, op, r, c, 1.0f, mat, c, x, 1, 0.0f, y, 1);
  } else {
    cblas_dgemv(CblasRowMajor, op, r, c, 1.0, mat, c, x, 1, 0.0, y, 1);
  }
}

// A product with one row (batch-1 inference) or one column (Dense(1)): gemv
// streams the matrix once, where gemm would first copy it into packed
// panels, which costs as much as the product itself. A one-row or one-column
// operand is contiguous whether or not it is transposed.
template <class T>
void gemv(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k,
          const T* a, const T* b, T* c) {
  if (m == 1) {
    // c (n) = op(b)^T a: b is stored (n x k) when tb, else (k x n).
    if (tb) {
      blas_gemv<T>(false, n, k, b, a, c);
    } else {
      blas_gemv<T>(true, k, n, b, a, c);
    }
  } else if (ta) {
    blas_gemv<T>(true, k, m, a, b, c);  // a stored (k x m)
  } else {
    blas_gemv<T>(false, m, k, a, b, c);  // a stored (m x k)
  }
}

// c (m x n) = op(a) @ op(b), row-major; lda/ldb are the stored row lengths.
template <class T>
void gemm(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k,
          const T* a, const T* b, T* c) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    for (std::int64_t i = 0; i < m * n; ++i) c[i] = T(0);
    return;
  }
  const std::int64_t lda = ta ? m : k;
  const std::int64_t ldb = tb ? k : n;
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    if (m == 1 || n == 1) {
      gemv(ta, tb, m, n, k, a, b, c);
      return;
    }
    const auto op_a = ta ? CblasTrans : CblasNoTrans;
    const auto op_b = tb ? CblasTrans : CblasNoTrans;
    if constexpr (std::is_same_v<T, float>) {
      cblas_sgemm(CblasRowMajor, op_a, op_b, static_cast<blasint>(m),
                  static_cast<blasint>(n), static_cast<blasint>(k), 1.0f, a,
                  static_cast<blasint>(lda), b, static_cast<blasint>(ldb), 0.0f,
                  c, static_cast<blasint>(n));
    } else {
      cblas_dgemm(CblasRowMajor, op_a, op_b, static_cast<blasint>(m),
                  static_cast<blasint>(n), static_cast<blasint>(k), 1.0, a,
                  static_cast<blasint>(lda), b, static_cast<blasint>(ldb), 0.0,
                  c, static_cast<blasint>(n));
    }
  } else {
    for (std::int64_t i = 0; i < m; ++i) {
      for (std::int64_t j = 0; j < n; ++j) {
        T acc = T(0);
        for (std::int64_t p = 0; p < k; ++p) {
          const T x = ta ? a[p * lda + i] : a[i * lda + p];
          const T y = tb ? b[j * ldb + p] : b[p * ldb + j];
          acc = static_cast<T>(acc + x * y);
        }
        c[i * n + j] = acc;
      }
    }
  }
}

}  // namespace

namespace internal {

// op(a) @ op(b) for rank >= 2 tensors of one dtype, where op transposes the
// last two dims when ta/tb; batch dims broadcast. Not recorded.
Tensor matmul_nd(const Tensor& a, const Tensor& b, bool ta, bool tb) {
  const Shape& as = a.shape();
  const Shape& bs = b.shape();
  const std::int64_t m = ta ? as[as.size() - 1] : as[as.size() - 2];
  const std::int64_t k = ta ? as[as.size() - 2] : as[as.size() - 1];
  const std::int64_t n = tb ? bs[bs.size() - 2] : bs[bs.size() - 1];
  const Shape ba = batch_of(as), bb = batch_of(bs);
  const Shape bo = broadcast_shapes(ba, bb, "matmul");
  Shape out_shape = bo;
  out_shape.push_back(m);
  out_shape.push_back(n);
  Tensor out = Tensor::empty(out_shape, a.dtype());
  dispatch_dtype(a.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* pa = a.data<T>();
    const T* pb = b.data<T>();
    T* pc = out.data<T>();
    if (bb.empty() && !ta) {
      // b is one matrix: fold a's batch into its rows, one gemm call.
      gemm<T>(false, tb, shape_size(ba) * m, n, k, pa, pb, pc);
      return;
    }
    const std::int64_t batches = shape_size(bo);
    const Strides sa = broadcast_strides(ba, bo);
    const Strides sb = broadcast_strides(bb, bo);
    std::vector<std::int64_t> index(bo.size(), 0);
    std::int64_t ia = 0, ib = 0;  // matrix offsets in a and b
    for (std::int64_t i = 0; i < batches; ++i) {
      gemm<T>(ta, tb, m, n, k, pa + ia * m * k, pb + ib * k * n,
              pc + i * m * n);
      for (std::size_t d = bo.size(); d-- > 0;) {  // odometer step
        ++index[d];
        ia += sa[d];
        ib += sb[d];
        if (index[d] < bo[d]) break;
        ia -= sa[d] * bo[d];
        ib -= sb[d] * bo[d];
        index[d] = 0;
      }
    }
  });
  return out;
}

}  // namespace internal

namespace {

// matmul of rank >= 2 operands of dtype dt, with its gradient.
Tensor matmul_core(const Tensor& a, const Tensor& b, DType dt) {
  const Tensor ac = convert(a, dt), bc = convert(b, dt);
  Tensor out = internal::matmul_nd(ac, bc, false, false);
  return autograd::record(
      out, {a, b},
      [a, b, ac, bc, dt](const Tensor& g0) {
        const Tensor g = convert(g0, dt);
        Tensor ga, gb;
        if (a.requires_grad()) {
          ga = autograd::unbroadcast(internal::matmul_nd(g, bc, false, true),
                                     a.shape());
        }
        if (b.requires_grad()) {
          if (b.ndim() == 2 && ac.ndim() > 2) {
            // Sum over a's batch inside one gemm: (B*M, K)^T @ (B*M, N).
            const std::int64_t k = ac.dim(-1), n = g.dim(-1);
            gb = internal::matmul_nd(ac.view({ac.size() / k, k}),
                                     g.view({g.size() / n, n}), true, false);
          } else {
            gb = autograd::unbroadcast(internal::matmul_nd(ac, g, true, false),
                                       b.shape());
          }
        }
        return Tensors{ga, gb};
      },
      "matmul");
}

}  // namespace

Tensor matmul(const Tensor& a, const Tensor& b) {
  internal::check_defined("matmul", {&a, &b});
  const Shape& as = a.shape();
  const Shape& bs = b.shape();
  auto incompatible = [&]() {
    return ValueError(str("matmul: incompatible shapes ", shape_str(as),
                          " and ", shape_str(bs), "."));
  };
  if (as.empty() || bs.empty()) {
    throw ValueError(
        str("matmul: scalar operands are not allowed (use "
            "multiply), got shapes ",
            shape_str(as), " and ", shape_str(bs), "."));
  }
  // Promote 1-D operands: a (K,) -> (1, K), b (K,) -> (K, 1).
  Shape as2 = as, bs2 = bs;
  if (as.size() == 1) as2.insert(as2.begin(), 1);
  if (bs.size() == 1) bs2.push_back(1);
  const std::int64_t ka = as2.back(), kb = bs2[bs2.size() - 2];
  if (ka >= 0 && kb >= 0 && ka != kb) throw incompatible();
  Shape out;
  try {
    out = internal::broadcast_shapes(batch_of(as2), batch_of(bs2), "matmul");
  } catch (const ValueError&) {
    throw incompatible();
  }
  if (as.size() > 1) out.push_back(as2[as2.size() - 2]);
  if (bs.size() > 1) out.push_back(bs2.back());
  const DType dt = internal::promote_types(a.dtype(), b.dtype());
  if (internal::any_symbolic({&a, &b})) return Tensor::symbolic(out, dt);
  const Tensor a2 = as.size() == 1 ? reshape(a, as2) : a;
  const Tensor b2 = bs.size() == 1 ? reshape(b, bs2) : b;
  Tensor result = matmul_core(a2, b2, dt);
  return result.shape() == out ? result : reshape(result, out);
}

}  // namespace keras::ops
