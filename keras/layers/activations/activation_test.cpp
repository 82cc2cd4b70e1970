#include "keras/layers/activations/activation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

TEST(ActivationLayerTest, AppliesTheFunction) {
  Activation layer("relu");
  Tensor y = layer(Tensor::from_vector<float>({-1, 2}, {1, 2}));
  EXPECT_TRUE(testing::AllClose(y, Tensor::from_vector<float>({0, 2}, {1, 2})));
  EXPECT_EQ(layer->get_config()["activation"], "relu");
}

TEST(ActivationLayerTest, SwishIsWrittenAsSilu) {
  Activation layer("swish");
  EXPECT_EQ(layer->get_config()["activation"], "silu");
}

TEST(ActivationLayerTest, UnknownActivationIsRefused) {
  try {
    Activation layer("no_such_fn");
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("no_such_fn"));
  }
}

TEST(ActivationsTest, BuiltinsMatchKerasValues) {
  const Tensor x =
      Tensor::from_vector<double>({-2.0, -0.5, 0.0, 0.5, 3.0}, {5});
  const auto v = [](const Tensor& t) { return t.to_double_vector(); };
  EXPECT_NEAR(v(activations::selu(x))[0],
              1.0507009873554805 * 1.6732632423543772 * (std::exp(-2.0) - 1),
              1e-12);
  EXPECT_NEAR(v(activations::elu(x))[1], std::exp(-0.5) - 1, 1e-12);
  EXPECT_NEAR(v(activations::softsign(x))[4], 0.75, 1e-12);
  EXPECT_NEAR(v(activations::silu(x))[3], 0.5 / (1 + std::exp(-0.5)), 1e-12);
  EXPECT_NEAR(v(activations::hard_sigmoid(x))[4], 1.0, 1e-12);
  EXPECT_NEAR(v(activations::hard_sigmoid(x))[3], 0.5 / 6 + 0.5, 1e-12);
  EXPECT_NEAR(v(activations::leaky_relu(x))[0], -0.4, 1e-12);
  EXPECT_NEAR(v(activations::relu6(Tensor::scalar(9.0, DType::float64)))[0],
              6.0, 0);
  EXPECT_NEAR(v(activations::softplus(x))[2], std::log(2.0), 1e-12);
}

TEST(ActivationsTest, GradientsMatchFiniteDifferences) {
  const Tensor x =
      Tensor::from_vector<double>({-2.1, -0.7, 0.3, 0.9, 2.5}, {5});
  for (const char* name : {"relu", "sigmoid", "tanh", "elu", "selu", "softplus",
                           "softsign", "silu", "exponential", "leaky_relu",
                           "hard_sigmoid", "relu6", "softmax", "log_softmax"}) {
    SCOPED_TRACE(name);
    const activations::Activation fn(name);
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return fn(in[0]); }, {x});
  }
}

}  // namespace
}  // namespace keras::layers
