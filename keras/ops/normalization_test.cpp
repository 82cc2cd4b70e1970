#include "keras/ops/normalization.h"

#include <gtest/gtest.h>

#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/ops.h"
#include "keras/random/random.h"
#include "keras/testing/test_utils.h"

namespace keras::ops {
namespace {

using testing::AllClose;

TEST(NormalizationOpsTest, MomentsAreMeanAndPopulationVariance) {
  const Tensor x = Tensor::from_vector<double>({1, 2, 3, 4, 6, 8}, {2, 3});
  auto [m, v] = moments(x, {1});
  EXPECT_TRUE(AllClose(m, Tensor::from_vector<double>({2, 6}, {2})));
  EXPECT_TRUE(
      AllClose(v, Tensor::from_vector<double>({2.0 / 3, 8.0 / 3}, {2})));
  auto [mk, vk] = moments(x, {0}, true);
  EXPECT_EQ(mk.shape(), (Shape{1, 3}));
  EXPECT_EQ(vk.shape(), (Shape{1, 3}));
}

TEST(NormalizationOpsTest, LayerNormalizationHasZeroMeanUnitVariance) {
  const Tensor x = random::normal({3, 4, 5}, 2, 3, 1, DType::float64);
  const Tensor y = layer_normalization(x, {}, {}, {1, 2}, 0.0);
  auto [m, v] = moments(y, {1, 2});
  EXPECT_TRUE(AllClose(m, zeros_like(m), 0, 1e-12));
  EXPECT_TRUE(AllClose(v, ones_like(v), 0, 1e-9));
}

TEST(NormalizationOpsTest, BatchNormalizationFormula) {
  const Tensor x = Tensor::from_vector<double>({1, 2, 3, 4}, {2, 2});
  const Tensor m = Tensor::from_vector<double>({1, 1}, {2});
  const Tensor v = Tensor::from_vector<double>({4, 1}, {2});
  const Tensor g = Tensor::from_vector<double>({2, 1}, {2});
  const Tensor b = Tensor::from_vector<double>({0, 1}, {2});
  EXPECT_TRUE(AllClose(batch_normalization(x, m, v, -1, b, g, 0.0),
                       Tensor::from_vector<double>({0, 2, 2, 4}, {2, 2})));
}

// Without gradients batch_normalization makes one pass over x; its values
// must be the recorded ops' values exactly, along any axis.
TEST(NormalizationOpsTest, BatchNormalizationSinglePassIsTheOps) {
  for (DType dt : {DType::float32, DType::float64}) {
    for (std::int64_t axis : {-1, 1}) {
      const Tensor x = random::normal({3, 5, 4, 6}, 0, 2, 1, dt);
      const std::int64_t c = x.dim(axis < 0 ? 3 : axis);
      const Tensor m = random::normal({c}, 0, 1, 2, dt);
      const Tensor v = random::uniform({c}, 0.5, 2, 3, dt);
      const Tensor b = random::normal({c}, 0, 1, 4, dt);
      Tensor g = random::normal({c}, 0, 1, 5, dt);
      const Tensor fused = batch_normalization(x, m, v, axis, b, g, 1e-3);
      const Tensor no_offset = batch_normalization(x, m, v, axis, {}, g, 1e-3);
      g.set_requires_grad(true);  // takes the recorded ops
      EXPECT_TRUE(AllClose(
          fused, batch_normalization(x, m, v, axis, b, g, 1e-3), 0, 0));
      EXPECT_TRUE(AllClose(
          no_offset, batch_normalization(x, m, v, axis, {}, g, 1e-3), 0, 0));
    }
  }
}

// The fused training form: the moments' and batch_normalization's values,
// and their gradients (through the statistics) for x, offset and scale.
TEST(NormalizationOpsTest, BatchNormalizationWithMomentsIsTheOps) {
  for (std::int64_t axis : {-1, 1}) {
    SCOPED_TRACE(axis);
    const Tensor x = random::normal({4, 5, 3, 6}, 0.5, 2, 11, DType::float64);
    const std::int64_t c = x.dim(axis < 0 ? 3 : axis);
    const Tensor g = random::uniform({c}, 0.5, 1.5, 12, DType::float64);
    const Tensor b = random::normal({c}, 0, 1, 13, DType::float64);
    Axes reduce;
    for (std::int64_t i = 0; i < 4; ++i) {
      if (i != (axis < 0 ? 3 : axis)) reduce.push_back(i);
    }
    auto [y, m, v] = batch_normalization_with_moments(x, axis, b, g, 1e-3);
    auto [m_ops, v_ops] = moments(x, reduce);
    EXPECT_TRUE(AllClose(m, m_ops, 1e-12, 1e-12));
    EXPECT_TRUE(AllClose(v, v_ops, 1e-12, 1e-12));
    EXPECT_TRUE(AllClose(y,
                         batch_normalization(x, m_ops, v_ops, axis, b, g, 1e-3),
                         1e-12, 1e-12));
    testing::expect_gradients_match(
        [axis](const Tensors& in) {
          return batch_normalization_with_moments(in[0], axis, in[2], in[1],
                                                  1e-3)[0];
        },
        {x, g, b});
    testing::expect_gradients_match(
        [axis](const Tensors& in) {
          return batch_normalization_with_moments(in[0], axis)[0];
        },
        {x});
    // float32 agrees with float64.
    auto f32 = batch_normalization_with_moments(x.astype(DType::float32), axis,
                                                b.astype(DType::float32),
                                                g.astype(DType::float32), 1e-3);
    EXPECT_TRUE(AllClose(f32[0], y, 1e-4, 1e-4));
  }
}

TEST(NormalizationOpsTest, RmsAndL2Normalization) {
  const Tensor x = Tensor::from_vector<double>({3, 4}, {1, 2});
  EXPECT_TRUE(
      AllClose(normalize(x), Tensor::from_vector<double>({0.6, 0.8}, {1, 2})));
  const double rms = std::sqrt(12.5);
  EXPECT_TRUE(
      AllClose(rms_normalization(x, {}, {-1}, 0.0),
               Tensor::from_vector<double>({3 / rms, 4 / rms}, {1, 2})));
  // All-zero rows stay zero (the norm is clamped by epsilon).
  EXPECT_TRUE(AllClose(normalize(zeros_like(x)), zeros_like(x), 0, 0));
}

TEST(NormalizationOpsTest, SymbolicShapes) {
  const Tensor x = Tensor::symbolic({-1, 4, 5});
  EXPECT_EQ(layer_normalization(x).shape(), x.shape());
  EXPECT_EQ(rms_normalization(x).shape(), x.shape());
  EXPECT_EQ(normalize(x, {1, 2}).shape(), x.shape());
  EXPECT_EQ(moments(x, {0, 1}).first.shape(), (Shape{5}));
}

TEST(NormalizationOpsTest, GradientsMatchFiniteDifferences) {
  const Tensor x = random::normal({3, 4}, 0, 1, 5, DType::float64);
  const Tensor g = random::uniform({4}, 0.5, 1.5, 6, DType::float64);
  const Tensor b = random::normal({4}, 0, 1, 7, DType::float64);
  testing::expect_gradients_match(
      [](const Tensors& in) {
        return layer_normalization(in[0], in[1], in[2], {-1}, 1e-3);
      },
      {x, g, b});
  testing::expect_gradients_match(
      [](const Tensors& in) {
        return layer_normalization(in[0], in[1], {}, {-1}, 1e-3, true);
      },
      {x, g});
  testing::expect_gradients_match(
      [](const Tensors& in) {
        auto [m, v] = moments(in[0], {0});
        return batch_normalization(in[0], m, v, 1, in[2], in[1], 1e-3);
      },
      {x, g, b});
  testing::expect_gradients_match(
      [](const Tensors& in) { return rms_normalization(in[0], in[1]); },
      {x, g});
  testing::expect_gradients_match(
      [](const Tensors& in) { return normalize(in[0], {0}); }, {x});
}

}  // namespace
}  // namespace keras::ops
