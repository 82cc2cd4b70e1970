#include "keras/ops/nn.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "keras/ops/ops.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using keras::testing::floats;
using keras::testing::values_of;

using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(OpsNnTest, ReluSigmoidSoftplus) {
  const Tensor x = floats({-2, 0, 3}, {3});
  EXPECT_THAT(values_of(ops::relu(x)), ElementsAre(0, 0, 3));
  EXPECT_THAT(values_of(ops::sigmoid(x)),
              ElementsAre(DoubleNear(1 / (1 + std::exp(2.0)), 1e-7), 0.5,
                          DoubleNear(1 / (1 + std::exp(-3.0)), 1e-7)));
  EXPECT_THAT(values_of(ops::softplus(x)),
              ElementsAre(DoubleNear(std::log1p(std::exp(-2.0)), 1e-7),
                          DoubleNear(std::log(2.0), 1e-7),
                          DoubleNear(std::log1p(std::exp(3.0)), 1e-6)));
  // Extreme inputs stay finite.
  const Tensor big = floats({-1000, 1000}, {2});
  EXPECT_THAT(values_of(ops::sigmoid(big)), ElementsAre(0, 1));
  EXPECT_THAT(values_of(ops::softplus(big)), ElementsAre(0, 1000));
  EXPECT_EQ(ops::relu(Tensor::from_vector<std::int32_t>({-1, 2}, {2})).dtype(),
            DType::int32);
}

TEST(OpsNnTest, SoftmaxLastAxisAndOtherAxis) {
  const Tensor x = floats({1, 2, 3, 1, 1, 1}, {2, 3});
  const double e1 = std::exp(1.0), e2 = std::exp(2.0), e3 = std::exp(3.0);
  const double z = e1 + e2 + e3;
  EXPECT_THAT(
      values_of(ops::softmax(x)),
      ElementsAre(DoubleNear(e1 / z, 1e-7), DoubleNear(e2 / z, 1e-7),
                  DoubleNear(e3 / z, 1e-7), DoubleNear(1 / 3.0, 1e-7),
                  DoubleNear(1 / 3.0, 1e-7), DoubleNear(1 / 3.0, 1e-7)));
  const Tensor s0 = ops::softmax(x, 0);
  EXPECT_THAT(values_of(ops::sum(s0, {0})),
              ElementsAre(DoubleNear(1, 1e-6), DoubleNear(1, 1e-6),
                          DoubleNear(1, 1e-6)));
  EXPECT_NEAR(values_of(s0)[2], e3 / (e3 + e1), 1e-7);
  const Tensor ls = ops::log_softmax(x);
  EXPECT_NEAR(values_of(ls)[0], 1 - std::log(z), 1e-6);
  EXPECT_NEAR(values_of(ls)[3], -std::log(3.0), 1e-6);
  // Stable for huge logits.
  const Tensor huge = ops::softmax(floats({1000, 1000}, {2}));
  EXPECT_THAT(values_of(huge), ElementsAre(0.5, 0.5));
  EXPECT_THAT(values_of(ops::log_softmax(floats({0, -1000}, {2}))),
              ElementsAre(DoubleNear(0, 1e-6), DoubleNear(-1000, 1e-3)));
}

TEST(OpsNnTest, OneHot) {
  const Tensor idx = Tensor::from_vector<std::int32_t>({0, 2, -1, 5}, {2, 2});
  const Tensor h = ops::one_hot(idx, 3);
  EXPECT_EQ(h.shape(), (Shape{2, 2, 3}));
  EXPECT_EQ(h.dtype(), DType::float32);
  EXPECT_THAT(values_of(h), ElementsAre(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0));
  EXPECT_EQ(ops::one_hot(idx, 3, DType::bfloat16).dtype(), DType::bfloat16);
  EXPECT_EQ(ops::one_hot(idx, 3, DType::int64).dtype(), DType::int64);
  try {
    ops::one_hot(idx, 0);
    ADD_FAILURE();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("num_classes"));
  }
}

TEST(OpsNnTest, MoreActivations) {
  const Tensor x = floats({-2, 0.5, 7}, {3});
  EXPECT_THAT(values_of(ops::relu6(x)), ElementsAre(0, 0.5, 6));
  EXPECT_THAT(values_of(ops::leaky_relu(x)),
              ElementsAre(DoubleNear(-0.4, 1e-7), 0.5, 7));
  EXPECT_THAT(values_of(ops::elu(x)),
              ElementsAre(DoubleNear(std::expm1(-2.0), 1e-7), 0.5, 7));
  EXPECT_THAT(values_of(ops::selu(x)),
              ElementsAre(DoubleNear(1.0507009873554805 * 1.6732632423543772 *
                                         std::expm1(-2.0),
                                     1e-6),
                          DoubleNear(1.0507009873554805 * 0.5, 1e-6),
                          DoubleNear(1.0507009873554805 * 7, 1e-5)));
  EXPECT_THAT(values_of(ops::silu(x)),
              ElementsAre(DoubleNear(-2 / (1 + std::exp(2.0)), 1e-7),
                          DoubleNear(0.5 / (1 + std::exp(-0.5)), 1e-7),
                          DoubleNear(7 / (1 + std::exp(-7.0)), 1e-6)));
  // Keras: gelu(1.0) = 0.8413447 exact, 0.8411920 with the tanh form.
  EXPECT_NEAR(ops::gelu(floats({1}, {1}), false).item(), 0.8413447, 1e-6);
  EXPECT_NEAR(ops::gelu(floats({1}, {1})).item(), 0.8411920, 1e-6);
  // No NaN gradient for large inputs (no inf * 0 in an unused branch).
  Tensor big = floats({100, -100}, {2});
  big.set_requires_grad(true);
  const Tensor g = autograd::grad(ops::sum(ops::elu(big)), {big})[0];
  EXPECT_THAT(values_of(g), ElementsAre(1, DoubleNear(0, 1e-30)));
}

TEST(OpsNnTest, Symbolic) {
  const Tensor x = Tensor::symbolic({-1, 10});
  for (const Tensor& y : {ops::relu(x), ops::sigmoid(x), ops::softplus(x),
                          ops::softmax(x), ops::log_softmax(x, 0)}) {
    EXPECT_TRUE(y.is_symbolic());
    EXPECT_EQ(y.shape(), (Shape{-1, 10}));
  }
  const Tensor h =
      ops::one_hot(Tensor::symbolic({-1}, DType::int32), 4, DType::float32);
  EXPECT_EQ(h.shape(), (Shape{-1, 4}));
  EXPECT_THROW(ops::softmax(x, 2), ValueError);
  EXPECT_THROW(ops::softmax(Tensor::scalar(1)), ValueError);
}

}  // namespace
}  // namespace keras
