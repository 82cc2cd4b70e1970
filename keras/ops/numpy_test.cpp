// Values, dtypes, symbolic shapes and errors of numpy.h, core.h and
// operators.h.
#include "keras/ops/numpy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "keras/ops/ops.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using keras::testing::floats;
using keras::testing::values_of;

using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Pointwise;

Tensor I(const std::vector<std::int32_t>& v, const Shape& s) {
  return Tensor::from_vector<std::int32_t>(v, s);
}

// Runs f, expecting a ValueError whose message contains every part.
template <class Fn>
void expect_value_error(Fn f, const std::vector<std::string>& parts) {
  try {
    f();
    ADD_FAILURE() << "expected a ValueError";
  } catch (const ValueError& e) {
    for (const auto& p : parts) EXPECT_THAT(e.what(), HasSubstr(p));
  }
}

MATCHER_P(Near, eps, "") {
  return std::abs(std::get<0>(arg) - std::get<1>(arg)) <= eps;
}

// ---- elementwise binary ----

TEST(OpsNumpyTest, AddBroadcastsRowsAndColumns) {
  const Tensor a = floats({1, 2, 3, 4, 5, 6}, {2, 3});
  EXPECT_THAT(values_of(ops::add(a, floats({10, 20, 30}, {3}))),
              ElementsAre(11, 22, 33, 14, 25, 36));
  EXPECT_THAT(values_of(ops::add(a, floats({10, 20}, {2, 1}))),
              ElementsAre(11, 12, 13, 24, 25, 26));
  const Tensor outer =
      ops::add(floats({1, 2}, {2, 1}), floats({10, 20, 30}, {1, 3}));
  EXPECT_EQ(outer.shape(), (Shape{2, 3}));
  EXPECT_THAT(values_of(outer), ElementsAre(11, 21, 31, 12, 22, 32));
  EXPECT_THAT(values_of(ops::add(a, Tensor::scalar(1))),
              ElementsAre(2, 3, 4, 5, 6, 7));
  EXPECT_THAT(values_of(ops::add(Tensor::scalar(1), a)),
              ElementsAre(2, 3, 4, 5, 6, 7));
}

TEST(OpsNumpyTest, BroadcastInMiddleDimension) {
  const Tensor a = Tensor::ones({2, 3, 2});
  const Tensor b = floats({1, 2, 3, 4}, {2, 1, 2});
  const Tensor c = ops::multiply(a, b);
  EXPECT_EQ(c.shape(), (Shape{2, 3, 2}));
  EXPECT_THAT(values_of(c), ElementsAre(1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4));
}

TEST(OpsNumpyTest, ArithmeticValues) {
  const Tensor a = floats({1, -2, 3}, {3});
  const Tensor b = floats({2, 4, -1}, {3});
  EXPECT_THAT(values_of(ops::subtract(a, b)), ElementsAre(-1, -6, 4));
  EXPECT_THAT(values_of(ops::multiply(a, b)), ElementsAre(2, -8, -3));
  EXPECT_THAT(values_of(ops::divide(a, b)), ElementsAre(0.5, -0.5, -3));
  EXPECT_THAT(
      values_of(ops::power(floats({2, 3, 4}, {3}), floats({3, 2, 0.5}, {3}))),
      ElementsAre(8, 9, 2));
  EXPECT_THAT(values_of(ops::maximum(a, b)), ElementsAre(2, 4, 3));
  EXPECT_THAT(values_of(ops::minimum(a, b)), ElementsAre(1, -2, -1));
}

TEST(OpsNumpyTest, DtypePromotion) {
  const Tensor i = I({1, 2, 3}, {3});
  const Tensor f = floats({0.5, 0.5, 0.5}, {3});
  EXPECT_EQ(ops::add(i, i).dtype(), DType::int32);
  EXPECT_EQ(ops::add(i, f).dtype(), DType::float32);
  EXPECT_EQ(ops::add(f, Tensor::scalar(1, DType::float64)).dtype(),
            DType::float64);
  EXPECT_EQ(ops::add(i, Tensor::scalar(1, DType::int64)).dtype(), DType::int64);
  EXPECT_EQ(
      ops::add(Tensor::ones({2}, DType::uint8), Tensor::ones({2}, DType::int8))
          .dtype(),
      DType::int8);
  // True division of ints gives float32.
  const Tensor q = ops::divide(I({1, 3}, {2}), I({2, 2}, {2}));
  EXPECT_EQ(q.dtype(), DType::float32);
  EXPECT_THAT(values_of(q), ElementsAre(0.5, 1.5));
  // bfloat16 computes (and returns) float32.
  const Tensor h = floats({1.5, 2}, {2}).astype(DType::bfloat16);
  EXPECT_EQ(ops::add(h, h).dtype(), DType::float32);
  EXPECT_THAT(values_of(ops::add(h, h)), ElementsAre(3, 4));
  EXPECT_EQ(ops::exp(i).dtype(), DType::float32);
}

TEST(OpsNumpyTest, WeakScalarOperators) {
  const Tensor f = floats({1, 2}, {2});
  const Tensor d = Tensor::ones({2}, DType::float64);
  EXPECT_EQ((d * 2.0).dtype(), DType::float64);
  EXPECT_THAT(values_of(f * 2.0), ElementsAre(2, 4));
  EXPECT_THAT(values_of(2.0 - f), ElementsAre(1, 0));
  EXPECT_THAT(values_of(1.0 / f), ElementsAre(1, 0.5));
  EXPECT_THAT(values_of(f / 2.0 + 1.0), ElementsAre(1.5, 2));
  EXPECT_THAT(values_of(-f), ElementsAre(-1, -2));
  EXPECT_THAT(values_of(f - f * f), ElementsAre(0, -2));
  const Tensor i = I({1, 2}, {2});
  EXPECT_EQ((i + 1.0).dtype(), DType::int32);
  EXPECT_EQ((i * 0.5).dtype(), DType::float32);
  EXPECT_THAT(values_of(i * 0.5), ElementsAre(0.5, 1));
}

TEST(OpsNumpyTest, ComparisonsAndLogic) {
  const Tensor a = floats({1, 2, 3}, {3});
  const Tensor b = floats({2, 2, 2}, {3});
  EXPECT_EQ(ops::equal(a, b).dtype(), DType::bool_);
  EXPECT_THAT(values_of(ops::equal(a, b)), ElementsAre(0, 1, 0));
  EXPECT_THAT(values_of(ops::not_equal(a, b)), ElementsAre(1, 0, 1));
  EXPECT_THAT(values_of(ops::greater(a, b)), ElementsAre(0, 0, 1));
  EXPECT_THAT(values_of(ops::greater_equal(a, b)), ElementsAre(0, 1, 1));
  EXPECT_THAT(values_of(ops::less(a, b)), ElementsAre(1, 0, 0));
  EXPECT_THAT(values_of(ops::less_equal(a, b)), ElementsAre(1, 1, 0));
  EXPECT_THAT(values_of(ops::equal(I({1, 2}, {2}), floats({1, 2.5}, {2}))),
              ElementsAre(1, 0));
  const Tensor p = ops::greater(a, b), q = ops::less(a, b);
  EXPECT_THAT(values_of(ops::logical_and(p, ops::logical_not(q))),
              ElementsAre(0, 0, 1));
  EXPECT_THAT(values_of(ops::logical_or(p, q)), ElementsAre(1, 0, 1));
  EXPECT_THAT(values_of(ops::logical_not(floats({0, 2}, {2}))),
              ElementsAre(1, 0));
}

TEST(OpsNumpyTest, WhereBroadcastsAllThree) {
  const Tensor c = Tensor::from_vector<bool>({true, false}, {2, 1});
  const Tensor r = ops::where(c, floats({1, 2, 3}, {3}), Tensor::scalar(-1));
  EXPECT_EQ(r.shape(), (Shape{2, 3}));
  EXPECT_THAT(values_of(r), ElementsAre(1, 2, 3, -1, -1, -1));
  // A float condition is true where non-zero.
  EXPECT_THAT(values_of(ops::where(floats({0, 0.5}, {2}), floats({1, 1}, {2}),
                                   floats({2, 2}, {2}))),
              ElementsAre(2, 1));
}

TEST(OpsNumpyTest, IncompatibleBroadcastNamesOpAndShapes) {
  expect_value_error(
      [] {
        ops::add(Tensor::zeros({2, 3}), Tensor::zeros({4}));
      },
      {"add", "(2, 3)", "(4,)"});
  expect_value_error(
      [] {
        ops::where(Tensor::zeros({5}), Tensor::zeros({2}), Tensor::zeros({2}));
      },
      {"where", "(5,)"});
  EXPECT_THROW(ops::add(Tensor(), Tensor::zeros({2})), ValueError);
}

// ---- elementwise unary ----

TEST(OpsNumpyTest, UnaryValues) {
  const Tensor x = floats({-2, -0.5, 0, 0.5, 2}, {5});
  EXPECT_THAT(values_of(ops::negative(x)), ElementsAre(2, 0.5, 0, -0.5, -2));
  EXPECT_THAT(values_of(ops::abs(x)), ElementsAre(2, 0.5, 0, 0.5, 2));
  EXPECT_THAT(values_of(ops::sign(x)), ElementsAre(-1, -1, 0, 1, 1));
  EXPECT_THAT(values_of(ops::square(x)), ElementsAre(4, 0.25, 0, 0.25, 4));
  EXPECT_THAT(values_of(ops::clip(x, -1, 1)), ElementsAre(-1, -0.5, 0, 0.5, 1));
  EXPECT_THAT(values_of(ops::floor(x)), ElementsAre(-2, -1, 0, 0, 2));
  EXPECT_THAT(values_of(ops::round(floats({0.5, 1.5, 2.5, -0.5, 2.6}, {5}))),
              ElementsAre(0, 2, 2, -0, 3));
  const std::vector<double> ex = {std::exp(-2.0), std::exp(-0.5), 1,
                                  std::exp(0.5), std::exp(2.0)};
  EXPECT_THAT(values_of(ops::exp(x)), Pointwise(Near(1e-6), ex));
  EXPECT_THAT(values_of(ops::sqrt(floats({4, 9}, {2}))), ElementsAre(2, 3));
  EXPECT_THAT(values_of(ops::log(floats({1, std::exp(1.0f)}, {2}))),
              Pointwise(Near(1e-6), std::vector<double>{0, 1}));
  EXPECT_THAT(values_of(ops::log1p(floats({0, 1e-8f}, {2}))),
              Pointwise(Near(1e-12), std::vector<double>{0, 1e-8}));
  EXPECT_THAT(values_of(ops::expm1(floats({0, 1e-8f}, {2}))),
              Pointwise(Near(1e-12), std::vector<double>{0, 1e-8}));
  EXPECT_THAT(values_of(ops::tanh(floats({0, 100}, {2}))), ElementsAre(0, 1));
  EXPECT_THAT(values_of(ops::abs(I({-3, 4}, {2}))), ElementsAre(3, 4));
  EXPECT_EQ(ops::abs(I({-3, 4}, {2})).dtype(), DType::int32);
}

// ---- matmul ----

TEST(OpsNumpyTest, Matmul2D) {
  const Tensor a = floats({1, 2, 3, 4, 5, 6}, {2, 3});
  const Tensor b = floats({7, 8, 9, 10, 11, 12}, {3, 2});
  const Tensor c = ops::matmul(a, b);
  EXPECT_EQ(c.shape(), (Shape{2, 2}));
  EXPECT_THAT(values_of(c), ElementsAre(58, 64, 139, 154));
  const Tensor cd =
      ops::matmul(a.astype(DType::float64), b.astype(DType::float64));
  EXPECT_EQ(cd.dtype(), DType::float64);
  EXPECT_THAT(values_of(cd), ElementsAre(58, 64, 139, 154));
  EXPECT_THAT(values_of(ops::matmul(I({1, 2, 3, 4, 5, 6}, {2, 3}),
                                    I({7, 8, 9, 10, 11, 12}, {3, 2}))),
              ElementsAre(58, 64, 139, 154));
}

TEST(OpsNumpyTest, MatmulVectorsAndBatches) {
  const Tensor v = floats({1, 2, 3}, {3});
  const Tensor m = floats({1, 0, 0, 1, 1, 1}, {3, 2});
  EXPECT_EQ(ops::matmul(v, v).shape(), Shape{});
  EXPECT_EQ(ops::matmul(v, v).item(), 14);
  EXPECT_EQ(ops::matmul(v, m).shape(), (Shape{2}));
  EXPECT_THAT(values_of(ops::matmul(v, m)), ElementsAre(4, 5));
  EXPECT_THAT(values_of(ops::matmul(ops::transpose(m), v)), ElementsAre(4, 5));
  // Batched: (2, 2, 3) @ (3, 2) and broadcast (2, 1, 2, 3) @ (3, 3, 2).
  const Tensor batch = ops::reshape(
      floats({1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6}, {12}), {2, 2, 3});
  const Tensor r = ops::matmul(batch, m);
  EXPECT_EQ(r.shape(), (Shape{2, 2, 2}));
  EXPECT_THAT(values_of(r), ElementsAre(4, 5, 10, 11, -4, -5, -10, -11));
  const Tensor bb = ops::matmul(ops::reshape(batch, {2, 1, 2, 3}),
                                ops::broadcast_to(m, {3, 3, 2}));
  EXPECT_EQ(bb.shape(), (Shape{2, 3, 2, 2}));
  EXPECT_THAT(values_of(ops::slice_axis(bb, 1, 2, 3)),
              ElementsAre(4, 5, 10, 11, -4, -5, -10, -11));
  // Zero-size inner dimension gives zeros.
  EXPECT_THAT(
      values_of(ops::matmul(Tensor::zeros({2, 0}), Tensor::zeros({0, 2}))),
      ElementsAre(0, 0, 0, 0));
}

TEST(OpsNumpyTest, MatmulLargeMatchesNaive) {
  const std::int64_t m = 33, k = 17, n = 29;
  Tensor a = Tensor::empty({m, k}), b = Tensor::empty({k, n});
  for (std::int64_t i = 0; i < a.size(); ++i) a.data<float>()[i] = (i % 7) - 3;
  for (std::int64_t i = 0; i < b.size(); ++i) b.data<float>()[i] = (i % 5) - 2;
  const Tensor c = ops::matmul(a, b);
  for (std::int64_t i = 0; i < m; ++i) {
    for (std::int64_t j = 0; j < n; ++j) {
      double acc = 0;
      for (std::int64_t p = 0; p < k; ++p) {
        acc += a.data<float>()[i * k + p] * b.data<float>()[p * n + j];
      }
      ASSERT_EQ(c.data<float>()[i * n + j], acc);
    }
  }
}

TEST(OpsNumpyTest, MatmulErrors) {
  expect_value_error(
      [] {
        ops::matmul(Tensor::zeros({2, 3}), Tensor::zeros({4, 5}));
      },
      {"matmul: incompatible shapes (2, 3) and (4, 5)"});
  expect_value_error(
      [] {
        ops::matmul(Tensor::zeros({2, 2, 3}), Tensor::zeros({3, 3, 5}));
      },
      {"matmul", "(2, 2, 3)", "(3, 3, 5)"});
  expect_value_error([] { ops::matmul(Tensor::scalar(1), Tensor::zeros({2})); },
                     {"matmul", "scalar"});
}

// ---- reductions ----

TEST(OpsNumpyTest, SumAndMean) {
  const Tensor x = floats({1, 2, 3, 4, 5, 6}, {2, 3});
  EXPECT_EQ(ops::sum(x).shape(), Shape{});
  EXPECT_EQ(ops::sum(x).item(), 21);
  EXPECT_THAT(values_of(ops::sum(x, {0})), ElementsAre(5, 7, 9));
  EXPECT_THAT(values_of(ops::sum(x, {-1})), ElementsAre(6, 15));
  EXPECT_EQ(ops::sum(x, {1}, true).shape(), (Shape{2, 1}));
  EXPECT_EQ(ops::sum(x, {}, true).shape(), (Shape{1, 1}));
  EXPECT_THAT(values_of(ops::mean(x, {0})), ElementsAre(2.5, 3.5, 4.5));
  EXPECT_THAT(values_of(ops::mean(x, {1}, true)), ElementsAre(2, 5));
  const Tensor y =
      ops::reshape(floats({1, 2, 3, 4, 5, 6, 7, 8}, {8}), {2, 2, 2});
  EXPECT_THAT(values_of(ops::sum(y, {0, 2})), ElementsAre(14, 22));
  EXPECT_THAT(values_of(ops::sum(y, {1})), ElementsAre(4, 6, 12, 14));
  // Integer and bool sums.
  EXPECT_EQ(ops::sum(I({1, 2}, {2})).dtype(), DType::int32);
  EXPECT_EQ(
      ops::sum(Tensor::from_vector<bool>({true, true, false}, {3})).item(), 2);
  EXPECT_EQ(ops::mean(I({1, 2}, {2})).dtype(), DType::float32);
  EXPECT_EQ(ops::mean(I({1, 2}, {2})).item(), 1.5);
  EXPECT_EQ(ops::sum(Tensor::zeros({0, 3})).item(), 0);
  EXPECT_THAT(values_of(ops::sum(Tensor::zeros({0, 3}), {0})),
              ElementsAre(0, 0, 0));
}

TEST(OpsNumpyTest, MaxMinArgmax) {
  const Tensor x = floats({1, 5, 3, 4, 2, 6}, {2, 3});
  EXPECT_EQ(ops::max(x).item(), 6);
  EXPECT_EQ(ops::min(x).item(), 1);
  EXPECT_THAT(values_of(ops::max(x, {0})), ElementsAre(4, 5, 6));
  EXPECT_THAT(values_of(ops::min(x, {1}, true)), ElementsAre(1, 2));
  EXPECT_EQ(ops::min(x, {1}, true).shape(), (Shape{2, 1}));
  EXPECT_THAT(values_of(ops::argmax(x)), ElementsAre(1, 2));
  EXPECT_THAT(values_of(ops::argmax(x, 0)), ElementsAre(1, 0, 1));
  EXPECT_THAT(values_of(ops::argmin(x, 0)), ElementsAre(0, 1, 0));
  EXPECT_EQ(ops::argmax(x).dtype(), DType::int32);
  EXPECT_EQ(ops::argmax(x, 1, true).shape(), (Shape{2, 1}));
  // First of equal maxima; NaN propagates.
  EXPECT_THAT(values_of(ops::argmax(floats({1, 3, 3}, {3}))), ElementsAre(1));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isnan(ops::max(floats({1, nan, 3}, {3})).item()));
  EXPECT_THAT(values_of(ops::max(I({3, -1, 7}, {3}))), ElementsAre(7));
}

TEST(OpsNumpyTest, ReductionsOverLongRowsAndLeadingAxes) {
  // Long rows exercise the multi-accumulator loops (and their tails).
  Tensor x = Tensor::empty({2, 37});
  for (int i = 0; i < 74; ++i) x.data<float>()[i] = static_cast<float>(i % 37);
  EXPECT_THAT(values_of(ops::sum(x, {1})), ElementsAre(666, 666));
  EXPECT_THAT(values_of(ops::max(x, {1})), ElementsAre(36, 36));
  EXPECT_THAT(values_of(ops::min(x, {-1})), ElementsAre(0, 0));
  EXPECT_EQ(ops::sum(x).item(), 1332);
  // Leading-axis max/min, with NaN propagating per column.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<double> m =
      values_of(ops::max(floats({1, nan, 3, 4}, {2, 2}), {0}));
  EXPECT_EQ(m[0], 3);
  EXPECT_TRUE(std::isnan(m[1]));
  EXPECT_TRUE(std::isnan(
      values_of(ops::min(floats({1, 2, nan, 4, 5, 6, 7, 8, 9, 10}, {10})))[0]));
  EXPECT_THAT(values_of(ops::min(I({3, -1, 7, -5}, {2, 2}), {0})),
              ElementsAre(3, -5));
  // The gradient-recording path gives the same values.
  Tensor y = floats({1, 5, 3, 4, 2, 6}, {2, 3});
  y.set_requires_grad(true);
  EXPECT_THAT(values_of(ops::max(y, {0})), ElementsAre(4, 5, 6));
  EXPECT_THAT(values_of(ops::min(y, {0, 1})), ElementsAre(1));
}

TEST(OpsNumpyTest, ReductionErrors) {
  expect_value_error(
      [] {
        ops::sum(Tensor::zeros({2, 3}), {2});
      },
      {"sum", "axis 2", "rank 2"});
  expect_value_error(
      [] {
        ops::mean(Tensor::zeros({2, 3}), {1, -1});
      },
      {"mean", "repeated"});
  expect_value_error(
      [] {
        ops::max(Tensor::zeros({0, 3}), {0});
      },
      {"max", "zero-size"});
  expect_value_error([] { ops::argmax(Tensor::zeros({2}), 3); },
                     {"argmax", "axis 3"});
}

// ---- shape manipulation ----

TEST(OpsNumpyTest, ReshapeTransposeSqueeze) {
  const Tensor x = floats({1, 2, 3, 4, 5, 6}, {2, 3});
  EXPECT_EQ(ops::reshape(x, {3, -1}).shape(), (Shape{3, 2}));
  EXPECT_EQ(ops::reshape(x, {-1}).shape(), (Shape{6}));
  const Tensor t = ops::transpose(x);
  EXPECT_EQ(t.shape(), (Shape{3, 2}));
  EXPECT_THAT(values_of(t), ElementsAre(1, 4, 2, 5, 3, 6));
  const Tensor y = ops::reshape(
      floats({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {12}), {2, 3, 2});
  const Tensor p = ops::transpose(y, {2, 0, 1});
  EXPECT_EQ(p.shape(), (Shape{2, 2, 3}));
  EXPECT_THAT(values_of(p), ElementsAre(0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11));
  EXPECT_EQ(ops::expand_dims(x, 0).shape(), (Shape{1, 2, 3}));
  EXPECT_EQ(ops::expand_dims(x, -1).shape(), (Shape{2, 3, 1}));
  EXPECT_EQ(ops::squeeze(Tensor::zeros({1, 2, 1})).shape(), (Shape{2}));
  EXPECT_EQ(ops::squeeze(Tensor::zeros({1, 2, 1}), {-1}).shape(),
            (Shape{1, 2}));
  const Tensor b = ops::broadcast_to(floats({1, 2}, {2, 1}), {2, 2, 3});
  EXPECT_THAT(values_of(b), ElementsAre(1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2));
}

TEST(OpsNumpyTest, LargeTransposesMatchIndexMath) {
  // Big enough for the tiled path (dims >= 8, tails not multiples of 32).
  const Shape shape = {3, 40, 37};
  Tensor x = Tensor::empty(shape, DType::int32);
  for (std::int32_t i = 0; i < x.size(); ++i) x.data<std::int32_t>()[i] = i;
  for (const ops::Axes& perm : std::vector<ops::Axes>{
           {0, 2, 1}, {2, 1, 0}, {1, 2, 0}, {2, 0, 1}, {1, 0, 2}}) {
    const Tensor t = ops::transpose(x, perm);
    const std::int32_t* p = t.data<std::int32_t>();
    std::int64_t at = 0;
    std::int64_t idx[3];
    for (idx[0] = 0; idx[0] < t.dim(0); ++idx[0]) {
      for (idx[1] = 0; idx[1] < t.dim(1); ++idx[1]) {
        for (idx[2] = 0; idx[2] < t.dim(2); ++idx[2]) {
          std::int64_t src[3];
          for (int d = 0; d < 3; ++d) src[perm[d]] = idx[d];
          const std::int64_t expected =
              (src[0] * shape[1] + src[1]) * shape[2] + src[2];
          ASSERT_EQ(p[at++], expected)
              << "perm " << perm[0] << perm[1] << perm[2];
        }
      }
    }
  }
}

TEST(OpsNumpyTest, ShapeErrors) {
  const Tensor x = Tensor::zeros({2, 3});
  expect_value_error(
      [&] {
        ops::reshape(x, {4, 2});
      },
      {"reshape", "(2, 3)", "(4, 2)"});
  expect_value_error([&] { ops::reshape(x, {-1, -1}); }, {"reshape", "one"});
  expect_value_error([&] { ops::reshape(x, {4, -1}); }, {"reshape"});
  expect_value_error([&] { ops::transpose(x, {0}); }, {"transpose", "rank 2"});
  expect_value_error(
      [&] {
        ops::transpose(x, {0, 0});
      },
      {"transpose", "repeated"});
  expect_value_error([&] { ops::squeeze(x, {0}); }, {"squeeze", "(2, 3)"});
  expect_value_error(
      [&] {
        ops::broadcast_to(x, {3, 3});
      },
      {"broadcast_to", "(2, 3)", "(3, 3)"});
  expect_value_error([&] { ops::expand_dims(x, 4); }, {"expand_dims"});
}

TEST(OpsNumpyTest, ConcatenateAndSlice) {
  const Tensor a = floats({1, 2, 3, 4}, {2, 2});
  const Tensor b = floats({5, 6}, {2, 1});
  const Tensor c = ops::concatenate({a, b}, 1);
  EXPECT_EQ(c.shape(), (Shape{2, 3}));
  EXPECT_THAT(values_of(c), ElementsAre(1, 2, 5, 3, 4, 6));
  EXPECT_THAT(values_of(ops::concatenate({a, a}, 0)),
              ElementsAre(1, 2, 3, 4, 1, 2, 3, 4));
  EXPECT_EQ(ops::concatenate({a, I({1, 2}, {1, 2})}, 0).dtype(),
            DType::float32);
  expect_value_error(
      [&] {
        ops::concatenate({a, b}, 0);
      },
      {"concatenate", "(2, 2)", "(2, 1)"});
  expect_value_error([] { ops::concatenate({}, 0); }, {"concatenate"});
  EXPECT_THAT(values_of(ops::slice_axis(c, 1, 1, 3)), ElementsAre(2, 5, 4, 6));
  EXPECT_THAT(values_of(ops::slice_axis(c, -1, -1, 100)), ElementsAre(5, 6));
  EXPECT_EQ(ops::slice_axis(c, 0, 1, 1).shape(), (Shape{0, 3}));
  EXPECT_EQ(ops::slice_axis(c, 0, 5, 9).shape(), (Shape{0, 3}));
}

TEST(OpsNumpyTest, TakeAndTakeAlongAxis) {
  const Tensor x = floats({1, 2, 3, 4, 5, 6}, {3, 2});
  const Tensor rows = ops::take(x, I({2, 0, -1}, {3}));
  EXPECT_EQ(rows.shape(), (Shape{3, 2}));
  EXPECT_THAT(values_of(rows), ElementsAre(5, 6, 1, 2, 5, 6));
  const Tensor cols = ops::take(x, I({1, 1, 0, 1}, {2, 2}), 1);
  EXPECT_EQ(cols.shape(), (Shape{3, 2, 2}));
  EXPECT_THAT(values_of(cols), ElementsAre(2, 2, 1, 2, 4, 4, 3, 4, 6, 6, 5, 6));
  expect_value_error([&] { ops::take(x, I({3}, {1})); },
                     {"take", "index 3", "size 3"});
  expect_value_error([&] { ops::take(x, floats({0}, {1})); },
                     {"take", "integer"});
  const Tensor t = ops::take_along_axis(x, I({1, 0, 0}, {3, 1}), 1);
  EXPECT_EQ(t.shape(), (Shape{3, 1}));
  EXPECT_THAT(values_of(t), ElementsAre(2, 3, 5));
  expect_value_error(
      [&] {
        ops::take_along_axis(x, I({1, 0, 0}, {3}), 1);
      },
      {"take_along_axis", "rank"});
}

TEST(OpsNumpyTest, CreationAndCore) {
  const Tensor x = floats({1, 2}, {2});
  EXPECT_THAT(values_of(ops::zeros_like(x)), ElementsAre(0, 0));
  EXPECT_THAT(values_of(ops::ones_like(I({5, 5}, {2}))), ElementsAre(1, 1));
  EXPECT_EQ(ops::ones_like(I({5, 5}, {2})).dtype(), DType::int32);
  EXPECT_THAT(values_of(ops::full_like(x, 7)), ElementsAre(7, 7));
  EXPECT_EQ(ops::cast(x, DType::int32).dtype(), DType::int32);
  EXPECT_THAT(values_of(ops::cast(floats({1.7f, -1.7f}, {2}), DType::int32)),
              ElementsAre(1, -1));
  EXPECT_EQ(ops::scalar_like(2, x).dtype(), DType::float32);
  EXPECT_EQ(ops::scalar_like(2, I({1}, {1})).dtype(), DType::float32);
  EXPECT_EQ(ops::scalar_like(2, x.astype(DType::float64)).dtype(),
            DType::float64);
  EXPECT_THAT(values_of(ops::stop_gradient(x)), ElementsAre(1, 2));
}

TEST(OpsNumpyTest, ExtraReductionsAndCreation) {
  const Tensor x = floats({1, 2, 3, 4, 5, 6}, {2, 3});
  EXPECT_NEAR(ops::var(x).item(), 35.0 / 12.0, 1e-6);
  EXPECT_THAT(values_of(ops::var(x, {0})), ElementsAre(2.25, 2.25, 2.25));
  EXPECT_THAT(values_of(ops::std(x, {1}, true)),
              Pointwise(Near(1e-6), std::vector<double>{std::sqrt(2.0 / 3),
                                                        std::sqrt(2.0 / 3)}));
  EXPECT_EQ(ops::std(x, {1}, true).shape(), (Shape{2, 1}));
  EXPECT_NEAR(ops::logsumexp(x).item(),
              std::log(std::exp(1) + std::exp(2) + std::exp(3) + std::exp(4) +
                       std::exp(5) + std::exp(6)),
              1e-5);
  EXPECT_THAT(values_of(ops::logsumexp(floats({1000, 1000}, {2}))),
              Pointwise(Near(1e-3), std::vector<double>{1000 + std::log(2)}));
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(ops::logsumexp(floats({-inf, -inf}, {2})).item(), -inf);
  EXPECT_EQ(ops::logsumexp(x, {0}, true).shape(), (Shape{1, 3}));
  const Tensor b = Tensor::from_vector<bool>({true, false, true, true}, {2, 2});
  EXPECT_THAT(values_of(ops::any(b, {1})), ElementsAre(1, 1));
  EXPECT_THAT(values_of(ops::all(b, {1})), ElementsAre(0, 1));
  EXPECT_EQ(ops::all(floats({1, 2}, {2})).dtype(), DType::bool_);
  EXPECT_EQ(ops::all(floats({1, 2}, {2})).item(), 1);
  EXPECT_EQ(ops::any(floats({0, 0}, {2})).item(), 0);
  EXPECT_THAT(values_of(ops::erf(floats({0, 1}, {2}))),
              Pointwise(Near(1e-6), std::vector<double>{0, std::erf(1.0)}));
  const Tensor st = ops::stack({floats({1, 2}, {2}), floats({3, 4}, {2})}, 1);
  EXPECT_EQ(st.shape(), (Shape{2, 2}));
  EXPECT_THAT(values_of(st), ElementsAre(1, 3, 2, 4));
  expect_value_error(
      [] {
        ops::stack({floats({1}, {1}), floats({1, 2}, {2})});
      },
      {"stack", "(1,)", "(2,)"});
  EXPECT_THAT(values_of(ops::arange(0, 5)), ElementsAre(0, 1, 2, 3, 4));
  EXPECT_THAT(values_of(ops::arange(1, 0, -0.25)),
              ElementsAre(1, 0.75, 0.5, 0.25));
  EXPECT_EQ(ops::arange(3, 1).size(), 0);
  EXPECT_EQ(ops::arange(0, 3, 1, DType::int32).dtype(), DType::int32);
  expect_value_error([] { ops::arange(0, 1, 0); }, {"arange"});
  EXPECT_EQ(ops::var(Tensor::symbolic({-1, 3}), {1}).shape(), (Shape{-1}));
  EXPECT_EQ(ops::logsumexp(Tensor::symbolic({-1, 3}), {1}, true).shape(),
            (Shape{-1, 1}));
  EXPECT_EQ(ops::any(Tensor::symbolic({-1, 3})).dtype(), DType::bool_);
  EXPECT_EQ(
      ops::stack({Tensor::symbolic({-1, 3}), Tensor::symbolic({-1, 3})}, 1)
          .shape(),
      (Shape{-1, 2, 3}));
}

// ---- symbolic shape inference ----

TEST(OpsNumpyTest, SymbolicElementwise) {
  const Tensor x = Tensor::symbolic({-1, 3});
  const Tensor y = ops::add(x, Tensor::zeros({3}));
  EXPECT_TRUE(y.is_symbolic());
  EXPECT_EQ(y.shape(), (Shape{-1, 3}));
  EXPECT_EQ(ops::multiply(Tensor::symbolic({-1, 1}), Tensor::symbolic({1, 4}))
                .shape(),
            (Shape{-1, 4}));
  EXPECT_EQ(ops::add(Tensor::symbolic({-1}), Tensor::symbolic({5})).shape(),
            (Shape{5}));
  EXPECT_EQ(ops::greater(x, Tensor::scalar(0)).dtype(), DType::bool_);
  EXPECT_EQ(ops::exp(Tensor::symbolic({2}, DType::int32)).dtype(),
            DType::float32);
  EXPECT_EQ(
      ops::where(Tensor::symbolic({-1, 1}, DType::bool_), x, Tensor::scalar(0))
          .shape(),
      (Shape{-1, 3}));
  expect_value_error([&] { ops::add(x, Tensor::symbolic({4})); },
                     {"add", "(None, 3)", "(4,)"});
  EXPECT_EQ((x * 2.0 + 1.0).shape(), (Shape{-1, 3}));
  EXPECT_EQ(ops::clip(x, 0, 1).shape(), (Shape{-1, 3}));
}

TEST(OpsNumpyTest, SymbolicMatmulAndReductions) {
  const Tensor x = Tensor::symbolic({-1, 5, 3});
  EXPECT_EQ(ops::matmul(x, Tensor::zeros({3, 4})).shape(), (Shape{-1, 5, 4}));
  EXPECT_EQ(ops::matmul(x, Tensor::symbolic({3})).shape(), (Shape{-1, 5}));
  expect_value_error(
      [&] {
        ops::matmul(x, Tensor::zeros({4, 4}));
      },
      {"matmul", "(None, 5, 3)", "(4, 4)"});
  EXPECT_EQ(ops::sum(x, {1}).shape(), (Shape{-1, 3}));
  EXPECT_EQ(ops::mean(x, {-1}, true).shape(), (Shape{-1, 5, 1}));
  EXPECT_EQ(ops::max(x).shape(), Shape{});
  EXPECT_EQ(ops::argmax(x).shape(), (Shape{-1, 5}));
  EXPECT_EQ(ops::argmax(x).dtype(), DType::int32);
}

TEST(OpsNumpyTest, SymbolicShapeOps) {
  const Tensor x = Tensor::symbolic({-1, 4, 3});
  EXPECT_EQ(ops::reshape(x, {-1, 12}).shape(), (Shape{-1, 12}));
  EXPECT_EQ(ops::reshape(Tensor::symbolic({2, 6}), {-1, 3}).shape(),
            (Shape{4, 3}));
  expect_value_error(
      [] {
        ops::reshape(Tensor::symbolic({2, 6}), {5});
      },
      {"reshape"});
  EXPECT_EQ(ops::transpose(x).shape(), (Shape{3, 4, -1}));
  EXPECT_EQ(ops::transpose(x, {0, 2, 1}).shape(), (Shape{-1, 3, 4}));
  EXPECT_EQ(ops::expand_dims(x, 1).shape(), (Shape{-1, 1, 4, 3}));
  EXPECT_EQ(ops::squeeze(Tensor::symbolic({-1, 1, 3})).shape(), (Shape{-1, 3}));
  EXPECT_EQ(ops::concatenate({x, Tensor::symbolic({-1, 4, 2})}, -1).shape(),
            (Shape{-1, 4, 5}));
  EXPECT_EQ(ops::concatenate({x, x}, 0).shape(), (Shape{-1, 4, 3}));
  EXPECT_EQ(ops::slice_axis(x, 1, 1, 3).shape(), (Shape{-1, 2, 3}));
  EXPECT_EQ(ops::slice_axis(x, 0, 1, 3).shape(), (Shape{-1, 4, 3}));
  EXPECT_EQ(ops::take(Tensor::symbolic({10, 8}),
                      Tensor::symbolic({-1, 5}, DType::int32))
                .shape(),
            (Shape{-1, 5, 8}));
  EXPECT_EQ(
      ops::take_along_axis(x, Tensor::symbolic({-1, 1, 3}, DType::int32), 1)
          .shape(),
      (Shape{-1, 1, 3}));
  EXPECT_EQ(ops::broadcast_to(Tensor::symbolic({1, 3}), {-1, 3}).shape(),
            (Shape{-1, 3}));
  EXPECT_EQ(ops::zeros_like(x).shape(), (Shape{-1, 4, 3}));
  EXPECT_TRUE(ops::zeros_like(x).is_symbolic());
  EXPECT_EQ(ops::cast(x, DType::int32).dtype(), DType::int32);
  EXPECT_TRUE(ops::stop_gradient(x).is_symbolic());
}

}  // namespace
}  // namespace keras
