#include "keras/layers/rnn/recurrent_kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <vector>

#include "keras/layers/rnn/recurrent_product.h"

namespace keras::layers::rnn_kernels {
namespace {

using ActivateFn = std::function<void(Act, float*, std::int64_t)>;
using MatmulFn = std::function<void(const float*, std::int64_t, std::int64_t,
                                    std::int64_t, const float*, std::int64_t,
                                    std::int64_t, float*, std::int64_t)>;

// The dispatched kernels (AVX2+FMA where the CPU has it) and the baseline.
const std::vector<std::pair<const char*, ActivateFn>> kActivates = {
    {"dispatched", activate}, {"baseline", baseline::activate}};
const std::vector<std::pair<const char*, MatmulFn>> kMatmuls = {
    {"dispatched", matmul}, {"baseline", baseline::matmul}};

double sigmoid_ref(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Worst |got - want| / (|want| + floor) over a dense grid.
double worst_error(const ActivateFn& fn, Act act, double (*ref)(double),
                   double floor) {
  std::vector<float> x;
  for (float v = -100.0f; v <= 100.0f; v += 0.00731f) x.push_back(v);
  for (float v = -1.0f; v <= 1.0f; v += 1.3e-5f) x.push_back(v);
  std::vector<float> y = x;
  fn(act, y.data(), static_cast<std::int64_t>(y.size()));
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double want = ref(double(x[i]));
    worst = std::max(worst,
                     std::abs(double(y[i]) - want) / (std::abs(want) + floor));
  }
  return worst;
}

TEST(RecurrentKernelsTest, SigmoidAndTanhAreWithinAFewUlp) {
  for (const auto& [name, fn] : kActivates) {
    SCOPED_TRACE(name);
    // float's ulp is 1.2e-7 relative; the fixtures allow 1e-5.
    EXPECT_LT(worst_error(fn, Act::kSigmoid, sigmoid_ref, 1e-30), 5e-7);
    EXPECT_LT(worst_error(
                  fn, Act::kTanh, [](double v) { return std::tanh(v); }, 1e-30),
              5e-7);
  }
}

TEST(RecurrentKernelsTest, SaturateAndKeepNaN) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (const auto& [name, fn] : kActivates) {
    SCOPED_TRACE(name);
    std::vector<float> s = {inf, -inf, nan, 0.0f, -200.0f};
    fn(Act::kSigmoid, s.data(), 5);
    EXPECT_EQ(s[0], 1.0f);
    EXPECT_EQ(s[1], 0.0f);
    EXPECT_TRUE(std::isnan(s[2]));
    EXPECT_EQ(s[3], 0.5f);
    EXPECT_EQ(s[4], 0.0f);
    std::vector<float> t = {inf, -inf, nan, 0.0f, 50.0f};
    fn(Act::kTanh, t.data(), 5);
    EXPECT_EQ(t[0], 1.0f);
    EXPECT_EQ(t[1], -1.0f);
    EXPECT_TRUE(std::isnan(t[2]));
    EXPECT_EQ(t[3], 0.0f);
    EXPECT_EQ(t[4], 1.0f);
    std::vector<float> r = {-2.0f, 3.0f, nan};
    fn(Act::kRelu, r.data(), 3);
    EXPECT_EQ(r[0], 0.0f);
    EXPECT_EQ(r[1], 3.0f);
    EXPECT_TRUE(std::isnan(r[2]));
    std::vector<float> l = {-2.0f, 3.0f};
    fn(Act::kLinear, l.data(), 2);
    EXPECT_EQ(l, (std::vector<float>{-2.0f, 3.0f}));
  }
}

TEST(RecurrentKernelsTest, ActOfKnowsTheBuiltInsOnly) {
  EXPECT_EQ(act_of("tanh"), Act::kTanh);
  EXPECT_EQ(act_of("sigmoid"), Act::kSigmoid);
  EXPECT_EQ(act_of("relu"), Act::kRelu);
  EXPECT_EQ(act_of("linear"), Act::kLinear);
  EXPECT_EQ(act_of("hard_sigmoid"), std::nullopt);
}

// Row counts on both sides of the BLAS hand-off, column counts with and
// without a remainder, and column slices of a wider matrix (ldw > n).
TEST(RecurrentKernelsTest, MatmulMatchesAReferenceProduct) {
  std::mt19937 gen(5);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (const auto& [name, fn] : kMatmuls) {
    for (std::int64_t rows : {1, 2, 3, 8, 9, 33}) {
      for (std::int64_t n : {1, 7, 8, 77, 512}) {
        const std::int64_t k = 37, lda = k + 3, ldw = n + 5, ldo = n + 2;
        SCOPED_TRACE(::testing::Message()
                     << name << " rows=" << rows << " n=" << n);
        std::vector<float> a(rows * lda), w(k * ldw), out(rows * ldo, -7.0f);
        for (float& v : a) v = dist(gen);
        for (float& v : w) v = dist(gen);
        fn(a.data(), rows, k, lda, w.data(), n, ldw, out.data(), ldo);
        for (std::int64_t r = 0; r < rows; ++r) {
          for (std::int64_t j = 0; j < n; ++j) {
            double want = 0.0;
            for (std::int64_t p = 0; p < k; ++p) {
              want += double(a[r * lda + p]) * double(w[p * ldw + j]);
            }
            ASSERT_NEAR(out[r * ldo + j], want, 1e-5);
          }
          for (std::int64_t j = n; j < ldo; ++j) {
            ASSERT_EQ(out[r * ldo + j], -7.0f);  // outside the product
          }
        }
      }
    }
  }
}

// a @ w in double, for rows x k a (row stride lda) and k x n w (ldw).
std::vector<double> reference_product(const std::vector<float>& a,
                                      std::int64_t rows, std::int64_t k,
                                      std::int64_t lda,
                                      const std::vector<float>& w,
                                      std::int64_t n, std::int64_t ldw) {
  std::vector<double> out(static_cast<std::size_t>(rows * n), 0.0);
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t p = 0; p < k; ++p) {
      for (std::int64_t j = 0; j < n; ++j) {
        out[r * n + j] += double(a[r * lda + p]) * double(w[p * ldw + j]);
      }
    }
  }
  return out;
}

// The packed panels (both builds), and RecurrentProduct over a sequence:
// row-major for two calls, packed from the third, BLAS above 8 rows.
TEST(RecurrentKernelsTest, PackedProductMatchesAReferenceProduct) {
  std::mt19937 gen(6);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (std::int64_t rows : {1, 3, 9}) {
    for (std::int64_t n : {5, 64, 100, 200}) {
      SCOPED_TRACE(::testing::Message() << "rows=" << rows << " n=" << n);
      const std::int64_t k = 19, lda = k + 1, ldw = n + 3, ldo = n + 2;
      std::vector<float> a(rows * lda), w(k * ldw);
      for (float& v : w) v = dist(gen);
      const std::vector<float> panels = pack_panels(w.data(), k, n, ldw);
      RecurrentProduct product(w.data(), k, n, ldw, rows);
      for (int call = 0; call < 4; ++call) {
        for (float& v : a) v = dist(gen);
        const auto want = reference_product(a, rows, k, lda, w, n, ldw);
        std::vector<float> o1(rows * ldo, -7.0f), o2 = o1, o3 = o1;
        product(a.data(), lda, o1.data(), ldo);
        matmul_packed(a.data(), rows, k, lda, panels.data(), n, o2.data(), ldo);
        baseline::matmul_packed(a.data(), rows, k, lda, panels.data(), n,
                                o3.data(), ldo);
        for (std::int64_t r = 0; r < rows; ++r) {
          for (std::int64_t j = 0; j < ldo; ++j) {
            const float* got[] = {&o1[r * ldo + j], &o2[r * ldo + j],
                                  &o3[r * ldo + j]};
            for (const float* g : got) {
              if (j < n) {
                ASSERT_NEAR(*g, want[r * n + j], 1e-5) << call;
              } else {
                ASSERT_EQ(*g, -7.0f);  // outside the product
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace keras::layers::rnn_kernels
