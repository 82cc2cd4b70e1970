#include "keras/layers/rnn/recurrent_kernels.h"

#include <cblas.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "keras/layers/rnn/recurrent_product.h"

namespace keras::layers::rnn_kernels {

namespace {

// The bodies are inlined into a baseline and an AVX2+FMA entry point, so
// that GCC vectorises each for its instruction set.
#define KERAS_RNN_INLINE inline __attribute__((always_inline))
#if defined(__x86_64__) && defined(__GNUC__)
#define KERAS_RNN_AVX2 1
#endif

// Above this many rows the product goes to the (threaded) BLAS.
constexpr std::int64_t kMaxKernelRows = 8;

// Vectors of 4 and 8 floats: SSE registers in the baseline build, ymm
// registers in the AVX2 one (GCC's auto-vectoriser kept the accumulators
// below on the stack; with vector types they stay in registers).
typedef float Vec4 __attribute__((vector_size(16)));
typedef float Vec8 __attribute__((vector_size(32)));

// acc += s * p[0 .. width). References, not values: 32-byte vectors passed
// by value in the baseline build draw GCC's ABI warning.
template <class V>
KERAS_RNN_INLINE void multiply_add(V& acc, const V& s, const float* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  acc += s * v;
}

// out = a @ w, kVecs vectors of output columns at a time held in registers
// while the k rows of w stream past (unit-stride loads from w's rows).
template <class V, int kVecs>
KERAS_RNN_INLINE void matmul_rows(const float* a, std::int64_t rows,
                                  std::int64_t k, std::int64_t lda,
                                  const float* w, std::int64_t n,
                                  std::int64_t ldw, float* out,
                                  std::int64_t ldo) {
  constexpr std::int64_t kWidth = sizeof(V) / sizeof(float);
  constexpr std::int64_t kCols = kWidth * kVecs;
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* ar = a + r * lda;
    float* o = out + r * ldo;
    std::int64_t j = 0;
    for (; j + kCols <= n; j += kCols) {
      V acc[kVecs] = {};
      for (std::int64_t p = 0; p < k; ++p) {
        const V s = V{} + ar[p];
        const float* wp = w + p * ldw + j;
        for (int q = 0; q < kVecs; ++q)
          multiply_add(acc[q], s, wp + kWidth * q);
      }
      std::memcpy(o + j, acc, sizeof acc);
    }
    for (; j + kWidth <= n; j += kWidth) {
      V acc = {};
      for (std::int64_t p = 0; p < k; ++p) {
        const V s = V{} + ar[p];
        multiply_add(acc, s, w + p * ldw + j);
      }
      std::memcpy(o + j, &acc, sizeof acc);
    }
    for (; j < n; ++j) {
      float acc = 0.0f;
      for (std::int64_t p = 0; p < k; ++p) acc += ar[p] * w[p * ldw + j];
      o[j] = acc;
    }
  }
}

// The same over a kernel packed into column panels (pack_panels): each
// panel's rows are contiguous, so the kernel streams in order. kVecs
// vectors of columns per pass: a whole panel in the AVX2 build, half of one
// in the baseline.
template <class V, int kVecs>
KERAS_RNN_INLINE void matmul_panels(const float* a, std::int64_t rows,
                                    std::int64_t k, std::int64_t lda,
                                    const float* panels, std::int64_t n,
                                    float* out, std::int64_t ldo) {
  constexpr std::int64_t kWidth = sizeof(V) / sizeof(float);
  constexpr std::int64_t kCols = kWidth * kVecs;
  static_assert(kPanel % kCols == 0);
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* ar = a + r * lda;
    float* o = out + r * ldo;
    for (std::int64_t j = 0; j < n; j += kCols) {
      const float* panel = panels + (j / kPanel) * kPanel * k + j % kPanel;
      V acc[kVecs] = {};
      for (std::int64_t p = 0; p < k; ++p) {
        const V s = V{} + ar[p];
        const float* wp = panel + p * kPanel;
        for (int q = 0; q < kVecs; ++q)
          multiply_add(acc[q], s, wp + kWidth * q);
      }
      std::memcpy(o + j, acc, sizeof(float) * std::min(kCols, n - j));
    }
  }
}

// cond ? a : b as a bit-mask blend. GCC makes a `?:` a branch when an arm
// is a constant or may trap (it folds or duplicates code into the arms), and
// does not vectorise loops with branches.
KERAS_RNN_INLINE float select(bool cond, float a, float b) {
  const std::uint32_t m = cond ? ~0u : 0u;
  return std::bit_cast<float>((std::bit_cast<std::uint32_t>(a) & m) |
                              (std::bit_cast<std::uint32_t>(b) & ~m));
}

// e^x: Cody-Waite reduction x = n ln2 + r, a degree-6 polynomial for e^r
// (Cephes' expf coefficients) and 2^n built in the exponent bits. Branch
// free, so the loops below vectorise; x is clamped to where 2^n is a normal
// float (NaN passes through the clamps and the polynomial), 0 and inf
// beyond.
KERAS_RNN_INLINE float exp_approx(float in) {
  const float x = select(in < -87.3f, -87.3f, select(in > 88.3f, 88.3f, in));
  // Round x / ln2 to the nearest integer n with the 1.5 * 2^23 trick; n is
  // then also in the low mantissa bits of t (no float-to-int conversion).
  constexpr float kShift = 12582912.0f;
  const float t = x * 1.44269504088896341f + kShift;
  const float n = t - kShift;
  float r = x - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  const std::int32_t e =
      std::bit_cast<std::int32_t>(t) - std::bit_cast<std::int32_t>(kShift);
  const float y = p * std::bit_cast<float>((e + 127) << 23);
  // Out of range: 0 and inf, as libm's float exp gives (to within 1e-38),
  // so sigmoid and tanh saturate exactly.
  return select(in < -87.3f, 0.0f,
                select(in > 88.3f, std::numeric_limits<float>::infinity(), y));
}

KERAS_RNN_INLINE float sigmoid_approx(float x) {
  return 1.0f / (1.0f + exp_approx(-x));
}

// tanh: an odd polynomial near 0 (Cephes' tanhf, where 1 - 2/(e^2x + 1)
// would cancel), that formula elsewhere; both computed, one selected.
KERAS_RNN_INLINE float tanh_approx(float x) {
  const float ax = std::fabs(x);
  const float s = x * x;
  float p = -5.70498872745e-3f;
  p = p * s + 2.06390887954e-2f;
  p = p * s - 5.37397155531e-2f;
  p = p * s + 1.33314422036e-1f;
  p = p * s - 3.33332819422e-1f;
  const float small = p * s * x + x;
  const float big =
      std::copysign(1.0f - 2.0f / (exp_approx(ax + ax) + 1.0f), x);
  return select(ax < 0.625f, small, big);
}

KERAS_RNN_INLINE void activate_loop(Act act, float* x, std::int64_t n) {
  switch (act) {
    case Act::kLinear:
      return;
    case Act::kSigmoid:
      for (std::int64_t i = 0; i < n; ++i) x[i] = sigmoid_approx(x[i]);
      return;
    case Act::kTanh:
      for (std::int64_t i = 0; i < n; ++i) x[i] = tanh_approx(x[i]);
      return;
    case Act::kRelu:
      // ops::relu's max(x, 0) (NaN stays NaN).
      for (std::int64_t i = 0; i < n; ++i)
        x[i] = select(x[i] < 0.0f, 0.0f, x[i]);
      return;
  }
}

#ifdef KERAS_RNN_AVX2
// 64 columns = 8 ymm accumulators, enough independent FMAs to cover their
// latency.
__attribute__((target("avx2,fma"))) void matmul_avx2(
    const float* a, std::int64_t rows, std::int64_t k, std::int64_t lda,
    const float* w, std::int64_t n, std::int64_t ldw, float* out,
    std::int64_t ldo) {
  matmul_rows<Vec8, 8>(a, rows, k, lda, w, n, ldw, out, ldo);
}

__attribute__((target("avx2,fma"))) void matmul_packed_avx2(
    const float* a, std::int64_t rows, std::int64_t k, std::int64_t lda,
    const float* panels, std::int64_t n, float* out, std::int64_t ldo) {
  matmul_panels<Vec8, 8>(a, rows, k, lda, panels, n, out, ldo);
}

__attribute__((target("avx2,fma"))) void activate_avx2(Act act, float* x,
                                                       std::int64_t n) {
  activate_loop(act, x, n);
}

bool use_avx2() {
  static const bool yes =
      __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return yes;
}
#endif

}  // namespace

std::optional<Act> act_of(const activations::Activation& activation) {
  if (!activation.is_builtin()) return std::nullopt;
  const std::string& name = activation.name();
  if (name == "linear") return Act::kLinear;
  if (name == "sigmoid") return Act::kSigmoid;
  if (name == "tanh") return Act::kTanh;
  if (name == "relu") return Act::kRelu;
  return std::nullopt;
}

namespace baseline {
void matmul(const float* a, std::int64_t rows, std::int64_t k, std::int64_t lda,
            const float* w, std::int64_t n, std::int64_t ldw, float* out,
            std::int64_t ldo) {
  matmul_rows<Vec4, 8>(a, rows, k, lda, w, n, ldw, out, ldo);
}

void activate(Act act, float* x, std::int64_t n) { activate_loop(act, x, n); }
}  // namespace baseline

void matmul(const float* a, std::int64_t rows, std::int64_t k, std::int64_t lda,
            const float* w, std::int64_t n, std::int64_t ldw, float* out,
            std::int64_t ldo) {
  if (rows > kMaxKernelRows) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                static_cast<blasint>(rows), static_cast<blasint>(n),
                static_cast<blasint>(k), 1.0f, a, static_cast<blasint>(lda), w,
                static_cast<blasint>(ldw), 0.0f, out,
                static_cast<blasint>(ldo));
    return;
  }
#ifdef KERAS_RNN_AVX2
  if (use_avx2()) return matmul_avx2(a, rows, k, lda, w, n, ldw, out, ldo);
#endif
  baseline::matmul(a, rows, k, lda, w, n, ldw, out, ldo);
}

std::vector<float> pack_panels(const float* w, std::int64_t k, std::int64_t n,
                               std::int64_t ldw) {
  const std::int64_t panels = (n + kPanel - 1) / kPanel;
  std::vector<float> out(static_cast<std::size_t>(panels * kPanel * k), 0.0f);
  for (std::int64_t jp = 0; jp < panels; ++jp) {
    const std::int64_t cols = std::min(kPanel, n - jp * kPanel);
    for (std::int64_t p = 0; p < k; ++p) {
      std::copy_n(w + p * ldw + jp * kPanel, cols,
                  out.data() + (jp * k + p) * kPanel);
    }
  }
  return out;
}

void matmul_packed(const float* a, std::int64_t rows, std::int64_t k,
                   std::int64_t lda, const float* panels, std::int64_t n,
                   float* out, std::int64_t ldo) {
#ifdef KERAS_RNN_AVX2
  if (use_avx2()) {
    return matmul_packed_avx2(a, rows, k, lda, panels, n, out, ldo);
  }
#endif
  baseline::matmul_packed(a, rows, k, lda, panels, n, out, ldo);
}

void baseline::matmul_packed(const float* a, std::int64_t rows, std::int64_t k,
                             std::int64_t lda, const float* panels,
                             std::int64_t n, float* out, std::int64_t ldo) {
  matmul_panels<Vec4, 8>(a, rows, k, lda, panels, n, out, ldo);
}

void RecurrentProduct::operator()(const float* a, std::int64_t lda, float* out,
                                  std::int64_t ldo) {
  if (rows_ <= kMaxKernelRows && panels_.empty() && ++calls_ > 2) {
    panels_ = pack_panels(w_, k_, n_, ldw_);
  }
  if (!panels_.empty()) {
    matmul_packed(a, rows_, k_, lda, panels_.data(), n_, out, ldo);
  } else {
    matmul(a, rows_, k_, lda, w_, n_, ldw_, out, ldo);
  }
}

void activate(Act act, float* x, std::int64_t n) {
#ifdef KERAS_RNN_AVX2
  if (use_avx2()) return activate_avx2(act, x, n);
#endif
  baseline::activate(act, x, n);
}

}  // namespace keras::layers::rnn_kernels
