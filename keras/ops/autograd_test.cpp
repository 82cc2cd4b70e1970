#include "keras/ops/autograd.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "keras/ops/ops.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using keras::testing::values_of;

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Tensor leaf(const std::vector<float>& v, const Shape& s) {
  Tensor t = Tensor::from_vector<float>(v, s);
  t.set_requires_grad(true);
  return t;
}

TEST(AutogradTest, RecordsOnlyWhenAnInputRequiresGrad) {
  const Tensor plain = Tensor::ones({2});
  EXPECT_FALSE(ops::add(plain, plain).requires_grad());
  EXPECT_EQ(ops::add(plain, plain).grad_fn(), nullptr);
  const Tensor x = leaf({1, 2}, {2});
  const Tensor y = ops::add(x, plain);
  EXPECT_TRUE(y.requires_grad());
  ASSERT_NE(y.grad_fn(), nullptr);
  EXPECT_EQ(y.grad_fn()->name, "add");
  {
    autograd::NoGradGuard guard;
    EXPECT_FALSE(autograd::is_grad_enabled());
    EXPECT_FALSE(ops::add(x, plain).requires_grad());
    {
      autograd::EnableGradGuard enable;
      EXPECT_TRUE(ops::add(x, plain).requires_grad());
    }
    EXPECT_FALSE(autograd::is_grad_enabled());
  }
  EXPECT_TRUE(autograd::is_grad_enabled());
  // Integer results (argmax, comparisons) never record.
  EXPECT_FALSE(ops::argmax(x).requires_grad());
  EXPECT_FALSE(ops::greater(x, plain).requires_grad());
}

TEST(AutogradTest, GradModeIsThreadLocal) {
  autograd::NoGradGuard guard;
  bool other = false;
  std::thread t([&] { other = autograd::is_grad_enabled(); });
  t.join();
  EXPECT_TRUE(other);
  EXPECT_FALSE(autograd::is_grad_enabled());
}

TEST(AutogradTest, SumsGradientsOfReusedTensors) {
  const Tensor x = leaf({1, 2, 3}, {3});
  // d/dx sum(x*x + x) = 2x + 1
  const Tensor loss = ops::sum(x * x + x);
  const Tensors g = autograd::grad(loss, {x});
  EXPECT_THAT(values_of(g[0]), ElementsAre(3, 5, 7));
  EXPECT_EQ(g[0].dtype(), DType::float32);
  EXPECT_FALSE(g[0].requires_grad());
}

TEST(AutogradTest, DenseLayerGradients) {
  const Tensor x = Tensor::from_vector<float>({1, 2, 3, 4}, {2, 2});
  const Tensor w = leaf({1, 0, 0, 1}, {2, 2});
  const Tensor b = leaf({0.5, -0.5}, {2});
  const Tensor loss = ops::sum(ops::add(ops::matmul(x, w), b));
  const Tensors g = autograd::grad(loss, {w, b});
  EXPECT_THAT(values_of(g[0]), ElementsAre(4, 4, 6, 6));  // x^T @ ones
  EXPECT_THAT(values_of(g[1]), ElementsAre(2, 2));
}

TEST(AutogradTest, UnreachableSourceGetsZeros) {
  const Tensor x = leaf({1, 2}, {2});
  const Tensor unused = leaf({1, 2, 3}, {3});
  const Tensors g = autograd::grad(ops::sum(x), {unused, x});
  EXPECT_THAT(values_of(g[0]), ElementsAre(0, 0, 0));
  EXPECT_THAT(values_of(g[1]), ElementsAre(1, 1));
}

TEST(AutogradTest, GradWithRespectToIntermediate) {
  const Tensor x = leaf({1, 2}, {2});
  const Tensor h = x * 3.0;
  const Tensors g = autograd::grad(ops::sum(h * h), {h, x});
  EXPECT_THAT(values_of(g[0]), ElementsAre(6, 12));
  EXPECT_THAT(values_of(g[1]), ElementsAre(18, 36));
}

TEST(AutogradTest, StopGradientAndFloorBlock) {
  const Tensor x = leaf({1.5, 2.5}, {2});
  const Tensor loss =
      ops::sum(x * ops::stop_gradient(x) + ops::floor(x) + ops::sign(x));
  EXPECT_THAT(values_of(autograd::grad(loss, {x})[0]), ElementsAre(1.5, 2.5));
}

TEST(AutogradTest, CastGradientHasSourceDtype) {
  const Tensor x = leaf({1, 2}, {2});
  const Tensor loss = ops::sum(ops::square(ops::cast(x, DType::float64)));
  const Tensor g = autograd::grad(loss, {x})[0];
  EXPECT_EQ(g.dtype(), DType::float32);
  EXPECT_THAT(values_of(g), ElementsAre(2, 4));
  // bfloat16 leaves get bfloat16 gradients (ops compute in float32).
  Tensor h = Tensor::from_vector<float>({1, 2}, {2}).astype(DType::bfloat16);
  h.set_requires_grad(true);
  const Tensor gh = autograd::grad(ops::sum(h * h), {h})[0];
  EXPECT_EQ(gh.dtype(), DType::bfloat16);
  EXPECT_THAT(values_of(gh), ElementsAre(2, 4));
}

TEST(AutogradTest, LossMustBeScalar) {
  const Tensor x = leaf({1, 2}, {2});
  try {
    autograd::grad(x * 2.0, {x});
    ADD_FAILURE();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("one element"));
  }
  EXPECT_THROW(autograd::grad(Tensor::symbolic({}), {x}), ValueError);
}

TEST(AutogradTest, DeepGraphsDoNotRecurse) {
  // 100k chained ops: both grad() and releasing the graph must be iterative.
  const Tensor x = leaf({1}, {1});
  Tensor y = x;
  const Tensor c = Tensor::scalar(1e-6f);
  for (int i = 0; i < 100000; ++i) y = ops::add(y, c);
  const Tensors g = autograd::grad(ops::sum(y), {x});
  EXPECT_EQ(values_of(g[0])[0], 1);
  y = Tensor();  // releases the chain
  SUCCEED();
}

TEST(AutogradTest, ResultsDoNotLeakThroughCycles) {
  std::weak_ptr<TensorImpl> weak;
  {
    const Tensor x = leaf({0.5, 1}, {2});
    Tensor y = ops::sum(ops::softmax(ops::exp(ops::tanh(ops::sqrt(x)))));
    y = ops::sigmoid(ops::divide(y, ops::expm1(x)));
    weak = y.shared();
  }
  EXPECT_TRUE(weak.expired());
}

TEST(AutogradTest, Unbroadcast) {
  const Tensor g = Tensor::ones({4, 2, 3});
  EXPECT_EQ(autograd::unbroadcast(g, {3}).shape(), (Shape{3}));
  EXPECT_THAT(values_of(autograd::unbroadcast(g, {3})), ElementsAre(8, 8, 8));
  EXPECT_THAT(values_of(autograd::unbroadcast(g, {2, 1})), ElementsAre(12, 12));
  EXPECT_THAT(values_of(autograd::unbroadcast(g, {})), ElementsAre(24));
  EXPECT_TRUE(autograd::unbroadcast(g, {4, 2, 3}).same_as(g));
}

TEST(AutogradTest, RecordDirectly) {
  const Tensor x = leaf({2}, {1});
  Tensor out = Tensor::from_vector<float>({4}, {1});
  out = autograd::record(
      out, {x},
      [x](const Tensor& g) { return Tensors{ops::multiply(g, x * 2.0)}; },
      "my_square");
  EXPECT_EQ(out.grad_fn()->name, "my_square");
  EXPECT_THAT(values_of(autograd::grad(ops::sum(out), {x})[0]), ElementsAre(4));
}

}  // namespace
}  // namespace keras
