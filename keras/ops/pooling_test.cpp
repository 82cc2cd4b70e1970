#include "keras/ops/pooling.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/ops.h"
#include "keras/random/random.h"
#include "keras/testing/test_utils.h"

namespace keras::ops {
namespace {

using testing::AllClose;
using ::testing::HasSubstr;

// Index-math reference for 2-D channels-last pooling (TF "same" rule).
Tensor reference_pool2d(const Tensor& x, int k, int s, bool same, bool max) {
  const auto n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
  const auto oh = same ? (h + s - 1) / s : (h - k) / s + 1;
  const auto ow = same ? (w + s - 1) / s : (w - k) / s + 1;
  const auto ph =
      same ? std::max<std::int64_t>(0, (oh - 1) * s + k - h) / 2 : 0;
  const auto pw =
      same ? std::max<std::int64_t>(0, (ow - 1) * s + k - w) / 2 : 0;
  const auto v = x.to_double_vector();
  std::vector<double> out;
  for (std::int64_t b = 0; b < n; ++b)
    for (std::int64_t i = 0; i < oh; ++i)
      for (std::int64_t j = 0; j < ow; ++j)
        for (std::int64_t ch = 0; ch < c; ++ch) {
          double acc = max ? -1e300 : 0.0;
          int count = 0;
          for (std::int64_t di = 0; di < k; ++di)
            for (std::int64_t dj = 0; dj < k; ++dj) {
              const auto r = i * s - ph + di, q = j * s - pw + dj;
              if (r < 0 || r >= h || q < 0 || q >= w) continue;
              const double e = v[((b * h + r) * w + q) * c + ch];
              acc = max ? std::max(acc, e) : acc + e;
              ++count;
            }
          out.push_back(max ? acc : acc / count);
        }
  return Tensor::from_vector<double>(out, {n, oh, ow, c});
}

TEST(PoolingOpsTest, MatchIndexMathReference) {
  const Tensor x = random::normal({2, 7, 6, 3}, 0, 1, 3, DType::float64);
  for (bool max : {true, false}) {
    for (auto [k, s, same] : {std::tuple{2, 2, false}, std::tuple{3, 2, true},
                              std::tuple{3, 1, true}, std::tuple{2, 3, true},
                              std::tuple{3, 2, false}}) {
      SCOPED_TRACE(keras::str(max, k, s, same));
      const char* pad = same ? "same" : "valid";
      const Tensor y =
          max ? max_pool(x, {k}, {s}, pad) : average_pool(x, {k}, {s}, pad);
      EXPECT_TRUE(
          AllClose(y, reference_pool2d(x, k, s, same, max), 1e-12, 1e-12));
    }
  }
}

TEST(PoolingOpsTest, ChannelsFirstEqualsTransposedChannelsLast) {
  const Tensor x = random::normal({2, 3, 5, 4, 6}, 0, 1, 4);  // NCDHW
  const Tensor last = transpose(x, {0, 2, 3, 4, 1});
  const Tensor a = max_pool(x, {2, 2, 3}, {1, 2, 2}, "same", "channels_first");
  const Tensor b = max_pool(last, {2, 2, 3}, {1, 2, 2}, "same");
  EXPECT_TRUE(AllClose(a, transpose(b, {0, 4, 1, 2, 3}), 0, 0));
  const Tensor c = adaptive_average_pool(x, {2, 3, 4}, "channels_first");
  const Tensor d = adaptive_average_pool(last, {2, 3, 4});
  EXPECT_TRUE(AllClose(c, transpose(d, {0, 4, 1, 2, 3}), 1e-6, 1e-7));
}

TEST(PoolingOpsTest, AdaptiveWindowsFollowPyTorch) {
  // Length 5 into 3 windows: [0,2), [1,4), [3,5).
  const Tensor x = Tensor::from_vector<float>({1, 2, 3, 4, 5}, {1, 5, 1});
  EXPECT_TRUE(AllClose(adaptive_average_pool(x, {3}),
                       Tensor::from_vector<float>({1.5, 3, 4.5}, {1, 3, 1})));
  EXPECT_TRUE(AllClose(adaptive_max_pool(x, {3}),
                       Tensor::from_vector<float>({2, 4, 5}, {1, 3, 1})));
}

TEST(PoolingOpsTest, SymbolicShapes) {
  const Tensor x = Tensor::symbolic({-1, 9, -1, 4});
  EXPECT_EQ(max_pool(x, {2}).shape(), (Shape{-1, 4, -1, 4}));
  EXPECT_EQ(average_pool(x, {3}, {2}, "same").shape(), (Shape{-1, 5, -1, 4}));
  EXPECT_EQ(adaptive_max_pool(x, {2, 3}).shape(), (Shape{-1, 2, 3, 4}));
  EXPECT_EQ(
      max_pool(Tensor::symbolic({-1, 4, 9}), {2}, {}, "valid", "channels_first")
          .shape(),
      (Shape{-1, 4, 4}));
}

TEST(PoolingOpsTest, BadArgumentsAreRefused) {
  const Tensor x = Tensor::zeros({1, 4, 4, 2});
  try {
    max_pool(x, {5});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Computed output size would be zero or "
                                    "negative"));
  }
  try {
    average_pool(x, {2, 2, 2});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("The `pool_size` argument must be a "
                                    "tuple of 2 integers"));
  }
  EXPECT_THROW(max_pool(x, {2}, {}, "full"), ValueError);
  EXPECT_THROW(max_pool(Tensor::zeros({4, 2}), {2}), ValueError);
  EXPECT_THROW(max_pool(x, {2}, {}, "valid", "nchw"), ValueError);
}

TEST(PoolingOpsTest, GradientsMatchFiniteDifferences) {
  // Distinct values keep the max's choice stable under perturbation.
  const Tensor x = random::uniform({2, 5, 4, 2}, -1, 1, 11, DType::float64);
  for (const char* pad : {"valid", "same"}) {
    SCOPED_TRACE(pad);
    testing::expect_gradients_match(
        [&](const Tensors& in) { return max_pool(in[0], {2}, {1}, pad); }, {x});
    testing::expect_gradients_match(
        [&](const Tensors& in) { return average_pool(in[0], {3}, {2}, pad); },
        {x});
  }
  testing::expect_gradients_match(
      [](const Tensors& in) {
        return adaptive_max_pool(in[0], {3, 3}, "channels_first");
      },
      {x});
  testing::expect_gradients_match(
      [](const Tensors& in) {
        return adaptive_average_pool(in[0], {2, 3});
      },
      {x});
}

}  // namespace
}  // namespace keras::ops
