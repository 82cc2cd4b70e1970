#include "keras/ops/ctc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/numpy.h"
#include "keras/testing/expect_error.h"

namespace keras {
namespace {

// -log of the summed probability of every path over `steps` frames whose
// collapse (merge repeats, drop blanks) is `labels`: brute force over all
// classes^steps paths.
double brute_force_ctc(const std::vector<double>& logits, std::int64_t steps,
                       std::int64_t classes, const std::vector<int>& labels,
                       int blank) {
  std::vector<double> prob(logits.size());
  for (std::int64_t t = 0; t < steps; ++t) {
    double z = 0;
    for (std::int64_t k = 0; k < classes; ++k)
      z += std::exp(logits[t * classes + k]);
    for (std::int64_t k = 0; k < classes; ++k) {
      prob[t * classes + k] = std::exp(logits[t * classes + k]) / z;
    }
  }
  double total = 0;
  std::vector<int> path(steps, 0);
  std::function<void(std::int64_t, double)> walk = [&](std::int64_t t,
                                                       double p) {
    if (t == steps) {
      std::vector<int> collapsed;
      for (std::int64_t i = 0; i < steps; ++i) {
        if (path[i] != blank && (i == 0 || path[i] != path[i - 1])) {
          collapsed.push_back(path[i]);
        }
      }
      if (collapsed == labels) total += p;
      return;
    }
    for (int k = 0; k < classes; ++k) {
      path[t] = k;
      walk(t + 1, p * prob[t * classes + k]);
    }
  };
  walk(0, 1.0);
  return -std::log(total);
}

const std::vector<double> kLogits = {
    // sequence 0: 4 steps x 3 classes
    0.2, -0.4, 1.1, 0.5, 0.3, -0.7, -1.2, 0.8, 0.1, 0.0, 0.6, 0.9,
    // sequence 1
    1.3, -0.2, 0.4, -0.5, 0.9, 0.2, 0.7, 0.1, -0.3, 0.2, 1.0, -0.8};

Tensor logits() { return Tensor::from_vector<double>(kLogits, {2, 4, 3}); }

std::vector<double> slice(int b) {
  return {kLogits.begin() + b * 12, kLogits.begin() + (b + 1) * 12};
}

TEST(CtcLossTest, MatchesBruteForcePathEnumeration) {
  // Sequence 1 repeats a label (a blank must separate the two 1s) and uses
  // only 3 of its 4 steps; sequence 0 has one padded label.
  const Tensor target =
      Tensor::from_vector<std::int32_t>({2, 1, 0, 1, 1, 0}, {2, 3});
  const Tensor target_length = Tensor::from_vector<std::int32_t>({2, 2}, {2});
  const Tensor output_length = Tensor::from_vector<std::int32_t>({4, 3}, {2});
  const Tensor loss =
      ops::ctc_loss(target, logits(), target_length, output_length);
  ASSERT_EQ(loss.shape(), (Shape{2}));
  EXPECT_EQ(loss.dtype(), DType::float64);
  const std::vector<double> got = loss.to_double_vector();
  EXPECT_NEAR(got[0], brute_force_ctc(slice(0), 4, 3, {2, 1}, 0), 1e-10);
  std::vector<double> first3 = slice(1);
  first3.resize(9);
  EXPECT_NEAR(got[1], brute_force_ctc(first3, 3, 3, {1, 1}, 0), 1e-10);
}

TEST(CtcLossTest, OtherBlankIndexAndEmptyLabels) {
  const Tensor target = Tensor::from_vector<std::int64_t>({0, 1, 2, 2}, {2, 2});
  const Tensor loss = ops::ctc_loss(
      target, logits(), Tensor::from_vector<std::int64_t>({2, 0}, {2}),
      Tensor::from_vector<std::int64_t>({4, 4}, {2}), /*mask_index=*/2);
  const std::vector<double> got = loss.to_double_vector();
  EXPECT_NEAR(got[0], brute_force_ctc(slice(0), 4, 3, {0, 1}, 2), 1e-10);
  // No labels: every frame is the blank.
  EXPECT_NEAR(got[1], brute_force_ctc(slice(1), 4, 3, {}, 2), 1e-10);
}

TEST(CtcLossTest, Float32LogitsGiveFloat32Losses) {
  const Tensor loss =
      ops::ctc_loss(Tensor::from_vector<std::int32_t>({1, 2, 1, 0}, {2, 2}),
                    logits().astype(DType::float32),
                    Tensor::from_vector<std::int32_t>({2, 1}, {2}),
                    Tensor::from_vector<std::int32_t>({4, 4}, {2}));
  EXPECT_EQ(loss.dtype(), DType::float32);
  EXPECT_NEAR(loss.to_double_vector()[1],
              brute_force_ctc(slice(1), 4, 3, {1}, 0), 1e-5);
}

TEST(CtcLossTest, ImpossibleAlignmentIsInfinite) {
  // Two equal labels need 3 frames; only 2 are given.
  const Tensor loss =
      ops::ctc_loss(Tensor::from_vector<std::int32_t>({1, 1}, {1, 2}),
                    Tensor::zeros({1, 2, 3}, DType::float32),
                    Tensor::from_vector<std::int32_t>({2}, {1}),
                    Tensor::from_vector<std::int32_t>({2}, {1}));
  EXPECT_TRUE(std::isinf(loss.item()));
}

TEST(CtcLossTest, GradientMatchesFiniteDifferences) {
  const Tensor target =
      Tensor::from_vector<std::int32_t>({2, 1, 0, 1, 1, 0}, {2, 3});
  const Tensor target_length = Tensor::from_vector<std::int32_t>({2, 2}, {2});
  const Tensor output_length = Tensor::from_vector<std::int32_t>({4, 3}, {2});
  testing::expect_gradients_match(
      [&](const Tensors& x) {
        return ops::ctc_loss(target, x[0], target_length, output_length);
      },
      {logits()}, 1e-6);
}

TEST(CtcLossTest, GradientDescentLowersTheLoss) {
  Tensor x = Tensor::zeros({1, 5, 4}, DType::float32);
  const Tensor target = Tensor::from_vector<std::int32_t>({3, 1, 3}, {1, 3});
  const Tensor len = Tensor::from_vector<std::int32_t>({3}, {1});
  const Tensor steps = Tensor::from_vector<std::int32_t>({5}, {1});
  double first = 0, last = 0;
  for (int i = 0; i < 50; ++i) {
    x.set_requires_grad(true);
    const Tensor loss = ops::sum(ops::ctc_loss(target, x, len, steps));
    if (i == 0) first = loss.item();
    last = loss.item();
    const Tensor g = autograd::grad(loss, {x})[0];
    autograd::NoGradGuard no_grad;
    x = ops::subtract(x, ops::multiply(g, Tensor::scalar(1.0)));
  }
  EXPECT_LT(last, 0.1 * first);
}

TEST(CtcLossTest, BadArgumentsRaise) {
  const Tensor y = Tensor::zeros({2, 4, 3});
  const Tensor lengths = Tensor::from_vector<std::int32_t>({1, 1}, {2});
  testing::expect_error<ValueError>(
      [&] { ops::ctc_loss(Tensor::zeros({2}), y, lengths, lengths); },
      "Received: target.shape=(2,)");
  testing::expect_error<ValueError>(
      [&] {
        ops::ctc_loss(Tensor::zeros({2, 2}), Tensor::zeros({2, 4}), lengths,
                      lengths);
      },
      "Received: output.shape=(2, 4)");
  testing::expect_error<ValueError>(
      [&] {
        ops::ctc_loss(Tensor::zeros({3, 2}), y, lengths, lengths);
      },
      "`target` must have the batch size of `output` (2)");
  testing::expect_error<ValueError>(
      [&] {
        ops::ctc_loss(Tensor::full({2, 2}, 5.0), y, lengths, lengths);
      },
      "label 5 of sequence 0 is outside [0, 3)");
  testing::expect_error<ValueError>(
      [&] {
        ops::ctc_loss(Tensor::zeros({2, 2}), y,
                      Tensor::from_vector<std::int32_t>({3, 1}, {2}), lengths);
      },
      "target_length[0]=3 is outside [0, 2]");
  testing::expect_error<ValueError>(
      [&] {
        ops::ctc_loss(Tensor::zeros({2, 2}), y, lengths, lengths, 3);
      },
      "mask_index must be in [0, 3)");
}

TEST(CtcLossTest, SymbolicInputsGiveSymbolicLosses) {
  const Tensor out = ops::ctc_loss(
      Tensor::symbolic({2, 3}, DType::int32), Tensor::symbolic({2, 4, 5}),
      Tensor::symbolic({2}, DType::int32), Tensor::symbolic({2}, DType::int32));
  EXPECT_TRUE(out.is_symbolic());
  EXPECT_EQ(out.shape(), (Shape{2}));
}

}  // namespace
}  // namespace keras
