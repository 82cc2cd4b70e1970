// Finite-difference checks of every differentiable op's backward rule.
#include "keras/ops/internal/gradient_check.h"

#include <gtest/gtest.h>

#include <cmath>

#include "keras/ops/ops.h"

namespace keras {
namespace {

using testing::expect_gradients_match;
using Fn = std::function<Tensor(const Tensors&)>;

// Deterministic values in [lo, hi), distinct enough to avoid ties and kinks.
Tensor rand(const Shape& shape, double lo = -1.0, double hi = 1.0,
            unsigned seed = 1) {
  Tensor t = Tensor::empty(shape, DType::float64);
  double* p = t.data<double>();
  unsigned s = seed * 2654435761u + 12345u;
  for (std::int64_t i = 0; i < t.size(); ++i) {
    s = s * 1664525u + 1013904223u;
    p[i] = lo + (hi - lo) * ((s >> 8) % 100003) / 100003.0;
  }
  return t;
}

Tensor ints(const std::vector<std::int64_t>& v, const Shape& shape) {
  return Tensor::from_vector<std::int64_t>(v, shape);
}

void check_binary(Tensor (*op)(const Tensor&, const Tensor&), double lo = -1,
                  double hi = 1) {
  const std::vector<std::pair<Shape, Shape>> cases = {
      {{2, 3}, {2, 3}},    {{2, 3}, {3}}, {{2, 1}, {1, 3}},
      {{4, 2, 3}, {2, 1}}, {{}, {2, 3}},  {{3}, {2, 3}}};
  unsigned seed = 1;
  for (const auto& [sa, sb] : cases) {
    SCOPED_TRACE(shape_str(sa) + " vs " + shape_str(sb));
    expect_gradients_match(
        [op](const Tensors& x) { return op(x[0], x[1]); },
        {rand(sa, lo, hi, seed), rand(sb, lo, hi, seed + 7)});
    ++seed;
  }
}

TEST(GradientCheckTest, Add) { check_binary(ops::add); }
TEST(GradientCheckTest, Subtract) { check_binary(ops::subtract); }
TEST(GradientCheckTest, Multiply) { check_binary(ops::multiply); }
TEST(GradientCheckTest, Divide) { check_binary(ops::divide, 0.5, 2.0); }
TEST(GradientCheckTest, Power) { check_binary(ops::power, 0.5, 2.0); }
TEST(GradientCheckTest, Maximum) { check_binary(ops::maximum); }
TEST(GradientCheckTest, Minimum) { check_binary(ops::minimum); }

TEST(GradientCheckTest, PowerWithIntegerExponentTensor) {
  expect_gradients_match(
      [](const Tensors& x) {
        return ops::power(x[0], Tensor::scalar(3.0, DType::float64));
      },
      {rand({5}, -2, 2)});
}

TEST(GradientCheckTest, Where) {
  const Tensor cond = Tensor::from_vector<bool>(
      {true, false, true, false, false, true}, {2, 3});
  expect_gradients_match(
      [cond](const Tensors& x) { return ops::where(cond, x[0], x[1]); },
      {rand({2, 3}), rand({3}, -1, 1, 3)});
  expect_gradients_match(
      [cond](const Tensors& x) { return ops::where(cond, x[0], x[1]); },
      {rand({1, 3}), rand({2, 1}, -1, 1, 3)});
}

void check_unary(Tensor (*op)(const Tensor&), double lo = -1, double hi = 1) {
  expect_gradients_match([op](const Tensors& x) { return op(x[0]); },
                         {rand({3, 4}, lo, hi)});
}

TEST(GradientCheckTest, Negative) { check_unary(ops::negative); }
TEST(GradientCheckTest, Abs) { check_unary(ops::abs); }
TEST(GradientCheckTest, Square) { check_unary(ops::square); }
TEST(GradientCheckTest, Sqrt) { check_unary(ops::sqrt, 0.2, 2.0); }
TEST(GradientCheckTest, Exp) { check_unary(ops::exp); }
TEST(GradientCheckTest, Log) { check_unary(ops::log, 0.2, 2.0); }
TEST(GradientCheckTest, Log1p) { check_unary(ops::log1p, -0.5, 2.0); }
TEST(GradientCheckTest, Expm1) { check_unary(ops::expm1); }
TEST(GradientCheckTest, Tanh) { check_unary(ops::tanh, -2, 2); }
TEST(GradientCheckTest, Relu) { check_unary(ops::relu); }
TEST(GradientCheckTest, Sigmoid) { check_unary(ops::sigmoid, -4, 4); }
TEST(GradientCheckTest, Softplus) { check_unary(ops::softplus, -4, 4); }

TEST(GradientCheckTest, Erf) { check_unary(ops::erf, -2, 2); }
TEST(GradientCheckTest, Relu6) { check_unary(ops::relu6, -3, 9); }
TEST(GradientCheckTest, Selu) { check_unary(ops::selu, -2, 2); }
TEST(GradientCheckTest, Silu) { check_unary(ops::silu, -4, 4); }

TEST(GradientCheckTest, ParameterisedActivations) {
  const Tensor x = rand({3, 4}, -3, 3);
  expect_gradients_match(
      [](const Tensors& t) { return ops::leaky_relu(t[0], 0.1); }, {x});
  expect_gradients_match([](const Tensors& t) { return ops::elu(t[0], 0.7); },
                         {x});
  expect_gradients_match([](const Tensors& t) { return ops::gelu(t[0]); }, {x});
  expect_gradients_match(
      [](const Tensors& t) { return ops::gelu(t[0], false); }, {x});
}

TEST(GradientCheckTest, VarStdLogsumexp) {
  for (const ops::Axes& axes : std::vector<ops::Axes>{{}, {0}, {-1}}) {
    for (bool keepdims : {false, true}) {
      expect_gradients_match(
          [&](const Tensors& x) { return ops::var(x[0], axes, keepdims); },
          {rand({3, 4})});
      expect_gradients_match(
          [&](const Tensors& x) { return ops::std(x[0], axes, keepdims); },
          {rand({3, 4})});
      expect_gradients_match(
          [&](const Tensors& x) {
            return ops::logsumexp(x[0], axes, keepdims);
          },
          {rand({3, 4}, -3, 3)});
    }
  }
}

TEST(GradientCheckTest, Stack) {
  for (std::int64_t axis : {0, 1, -1}) {
    expect_gradients_match(
        [axis](const Tensors& x) {
          return ops::stack({x[0], x[1]}, axis);
        },
        {rand({2, 3}), rand({2, 3}, -1, 1, 9)});
  }
}

TEST(GradientCheckTest, Clip) {
  expect_gradients_match(
      [](const Tensors& x) { return ops::clip(x[0], -0.5, 0.6); },
      {rand({4, 5}, -1, 1)});
}

TEST(GradientCheckTest, Operators) {
  expect_gradients_match(
      [](const Tensors& x) {
        return (x[0] - 2.0) * x[1] / (3.0 + x[0] * x[0]) + 1.5 / (x[1] + 4.0) -
               -x[0];
      },
      {rand({2, 3}), rand({3}, 0, 1, 5)});
}

TEST(GradientCheckTest, Matmul2D) {
  expect_gradients_match(
      [](const Tensors& x) { return ops::matmul(x[0], x[1]); },
      {rand({3, 4}), rand({4, 5}, -1, 1, 2)});
}

TEST(GradientCheckTest, MatmulBatched) {
  const Fn f = [](const Tensors& x) { return ops::matmul(x[0], x[1]); };
  expect_gradients_match(f, {rand({2, 3, 4}), rand({2, 4, 2}, -1, 1, 2)});
  // N-D @ 2-D (Dense on sequences) and broadcast batch dims.
  expect_gradients_match(f, {rand({2, 3, 4}), rand({4, 2}, -1, 1, 2)});
  expect_gradients_match(f, {rand({3, 4}), rand({2, 4, 2}, -1, 1, 2)});
  expect_gradients_match(f, {rand({2, 1, 3, 4}), rand({3, 4, 2}, -1, 1, 2)});
}

TEST(GradientCheckTest, MatmulVectors) {
  const Fn f = [](const Tensors& x) { return ops::matmul(x[0], x[1]); };
  expect_gradients_match(f, {rand({4}), rand({4}, -1, 1, 2)});
  expect_gradients_match(f, {rand({4}), rand({4, 3}, -1, 1, 2)});
  expect_gradients_match(f, {rand({3, 4}), rand({4}, -1, 1, 2)});
  expect_gradients_match(f, {rand({2, 3, 4}), rand({4}, -1, 1, 2)});
}

TEST(GradientCheckTest, SumAndMean) {
  for (bool keepdims : {false, true}) {
    for (const ops::Axes& axes :
         std::vector<ops::Axes>{{}, {0}, {1}, {-1}, {0, 2}, {1, 2}}) {
      expect_gradients_match(
          [&](const Tensors& x) { return ops::sum(x[0], axes, keepdims); },
          {rand({2, 3, 4})});
      expect_gradients_match(
          [&](const Tensors& x) { return ops::mean(x[0], axes, keepdims); },
          {rand({2, 3, 4})});
    }
  }
}

TEST(GradientCheckTest, MaxAndMin) {
  for (bool keepdims : {false, true}) {
    for (const ops::Axes& axes :
         std::vector<ops::Axes>{{}, {0}, {1}, {-1}, {0, 2}}) {
      expect_gradients_match(
          [&](const Tensors& x) { return ops::max(x[0], axes, keepdims); },
          {rand({2, 3, 4})});
      expect_gradients_match(
          [&](const Tensors& x) { return ops::min(x[0], axes, keepdims); },
          {rand({2, 3, 4})});
    }
  }
}

TEST(GradientCheckTest, ShapeOps) {
  expect_gradients_match(
      [](const Tensors& x) {
        return ops::reshape(x[0], {4, -1});
      },
      {rand({2, 3, 2})});
  expect_gradients_match([](const Tensors& x) { return ops::transpose(x[0]); },
                         {rand({2, 3, 4})});
  expect_gradients_match(
      [](const Tensors& x) {
        return ops::transpose(x[0], {1, 2, 0});
      },
      {rand({2, 3, 4})});
  expect_gradients_match(
      [](const Tensors& x) { return ops::expand_dims(x[0], -1); },
      {rand({2, 3})});
  expect_gradients_match([](const Tensors& x) { return ops::squeeze(x[0]); },
                         {rand({2, 1, 3})});
  expect_gradients_match(
      [](const Tensors& x) {
        return ops::broadcast_to(x[0], {4, 2, 3});
      },
      {rand({2, 1})});
}

TEST(GradientCheckTest, Concatenate) {
  for (std::int64_t axis : {0, 1, -1}) {
    expect_gradients_match(
        [axis](const Tensors& x) {
          return ops::concatenate({x[0], x[1], x[0]}, axis);
        },
        {rand({2, 3}), rand({2, 3}, -1, 1, 4)});
  }
  expect_gradients_match(
      [](const Tensors& x) {
        return ops::concatenate({x[0], x[1]}, 1);
      },
      {rand({2, 1, 3}), rand({2, 4, 3}, -1, 1, 4)});
}

TEST(GradientCheckTest, SliceAxis) {
  expect_gradients_match(
      [](const Tensors& x) { return ops::slice_axis(x[0], 1, 1, 3); },
      {rand({2, 4, 3})});
  expect_gradients_match(
      [](const Tensors& x) { return ops::slice_axis(x[0], -1, -2, 100); },
      {rand({2, 4, 3})});
}

TEST(GradientCheckTest, Take) {
  // Repeated indices must accumulate.
  const Tensor idx = ints({2, 0, 2, -1}, {2, 2});
  expect_gradients_match(
      [idx](const Tensors& x) { return ops::take(x[0], idx, 0); },
      {rand({3, 2})});
  expect_gradients_match(
      [idx](const Tensors& x) { return ops::take(x[0], idx, 1); },
      {rand({2, 3, 2})});
}

TEST(GradientCheckTest, TakeAlongAxis) {
  const Tensor idx = ints({0, 2, 2, 1, 0, 0}, {2, 3});
  expect_gradients_match(
      [idx](const Tensors& x) { return ops::take_along_axis(x[0], idx, 1); },
      {rand({2, 3})});
  const Tensor col = ints({1, 0}, {2, 1});
  expect_gradients_match(
      [col](const Tensors& x) { return ops::take_along_axis(x[0], col, -1); },
      {rand({2, 4})});
  // x broadcast against indices in a non-axis dim.
  const Tensor idx2 = ints({0, 1, 1, 0, 2, 2}, {3, 2});
  expect_gradients_match(
      [idx2](const Tensors& x) { return ops::take_along_axis(x[0], idx2, 1); },
      {rand({1, 3})});
}

TEST(GradientCheckTest, Softmax) {
  for (std::int64_t axis : {-1, 0, 1}) {
    expect_gradients_match(
        [axis](const Tensors& x) { return ops::softmax(x[0], axis); },
        {rand({2, 3, 4}, -2, 2)});
    expect_gradients_match(
        [axis](const Tensors& x) { return ops::log_softmax(x[0], axis); },
        {rand({2, 3, 4}, -2, 2)});
  }
}

TEST(GradientCheckTest, Cast) {
  expect_gradients_match(
      [](const Tensors& x) { return ops::cast(x[0], DType::float64); },
      {rand({3})});
}

TEST(GradientCheckTest, ComposedGraphReusesInputs) {
  // A small MLP-like graph: the same tensors feed several ops.
  expect_gradients_match(
      [](const Tensors& x) {
        const Tensor h = ops::tanh(ops::add(ops::matmul(x[0], x[1]), x[2]));
        const Tensor logits = ops::matmul(h, ops::transpose(x[1]));
        return ops::mean(ops::log_softmax(logits), {-1});
      },
      {rand({4, 3}), rand({3, 5}, -1, 1, 2), rand({5}, -1, 1, 3)});
}

}  // namespace
}  // namespace keras
