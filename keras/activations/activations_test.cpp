#include "keras/activations/activations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "keras/keras.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/sparsemax.h"
#include "keras/testing/layer_case.h"
#include "keras/testing/test_utils.h"

namespace keras::activations {
namespace {

using keras::testing::values_of;

using ::testing::HasSubstr;

TEST(ActivationFunctionsTest, EveryKerasActivationMatchesItsFixture) {
  for (const char* c : {"activation_celu",         "activation_elu",
                        "activation_exponential",  "activation_gelu",
                        "activation_glu",          "activation_hard_shrink",
                        "activation_hard_sigmoid", "activation_hard_silu",
                        "activation_hard_swish",   "activation_hard_tanh",
                        "activation_leaky_relu",   "activation_linear",
                        "activation_log_sigmoid",  "activation_log_softmax",
                        "activation_mish",         "activation_relu",
                        "activation_relu6",        "activation_selu",
                        "activation_sigmoid",      "activation_silu",
                        "activation_soft_shrink",  "activation_softmax",
                        "activation_softplus",     "activation_softsign",
                        "activation_sparse_plus",  "activation_sparse_sigmoid",
                        "activation_sparsemax",    "activation_squareplus",
                        "activation_swish",        "activation_tanh",
                        "activation_tanh_shrink"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(ActivationFunctionsTest, GeluOpNodesLoadPredictAndReserialize) {
  // keras.ops.gelu on a symbolic tensor is the op node keras.src.ops.nn.Gelu.
  for (const char* c :
       {"activation_gelu_approximate", "activation_gelu_exact_op"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
    const std::string dir = testing::fixture(std::string("layers/") + c + "/");
    auto model = saving::load_model(dir + "model.keras");
    // Op nodes are not Model.layers: compare the model's config entry.
    EXPECT_EQ(model->get_config()["layers"][1],
              testing::read_json(dir + "config.json")["config"]["layers"][1]);
  }
}

TEST(ActivationFunctionsTest, ValuesAtChosenPoints) {
  const Tensor x =
      Tensor::from_vector<double>({-2.0, -0.3, 0.0, 0.7, 1.5}, {5});
  EXPECT_NEAR(values_of(celu(x, 2.0))[0], 2.0 * std::expm1(-1.0), 1e-12);
  EXPECT_NEAR(values_of(gelu(x))[3],
              0.35 * (1 + std::erf(0.7 / std::sqrt(2.0))), 1e-12);
  EXPECT_THAT(values_of(hard_shrink(x)),
              ::testing::ElementsAre(-2.0, 0, 0, 0.7, 1.5));
  EXPECT_NEAR(values_of(soft_shrink(x))[3], 0.2, 1e-12);
  EXPECT_NEAR(values_of(soft_shrink(x))[0], -1.5, 1e-12);
  EXPECT_NEAR(values_of(hard_silu(x))[3], 0.7 * (0.7 / 6 + 0.5), 1e-12);
  EXPECT_THAT(values_of(hard_tanh(x)),
              ::testing::ElementsAre(-1.0, -0.3, 0, 0.7, 1));
  EXPECT_NEAR(values_of(log_sigmoid(x))[0], -std::log1p(std::exp(2.0)), 1e-12);
  EXPECT_NEAR(values_of(mish(x))[4], 1.5 * std::tanh(std::log1p(std::exp(1.5))),
              1e-12);
  EXPECT_NEAR(values_of(sparse_plus(x))[1], 0.7 * 0.7 / 4, 1e-12);
  EXPECT_THAT(values_of(sparse_plus(x))[0], 0.0);
  EXPECT_NEAR(values_of(sparse_sigmoid(x))[3], 0.85, 1e-12);
  EXPECT_NEAR(values_of(squareplus(x))[3], (0.7 + std::sqrt(0.49 + 4)) / 2,
              1e-12);
  EXPECT_NEAR(values_of(tanh_shrink(x))[4], 1.5 - std::tanh(1.5), 1e-12);
  EXPECT_THAT(values_of(threshold(x, 0.5, -9.0)),
              ::testing::ElementsAre(-9, -9, -9, 0.7, 1.5));
  const Tensor g = glu(Tensor::from_vector<double>({1, 2, 0, 3}, {1, 4}));
  EXPECT_EQ(g.shape(), (Shape{1, 2}));
  EXPECT_NEAR(values_of(g)[1], 2.0 / (1 + std::exp(-3.0)), 1e-12);
}

TEST(ActivationFunctionsTest, ReluOptionsFollowKerasStaticCall) {
  const Tensor x = Tensor::from_vector<double>({-2.0, 0.1, 0.5, 7.0}, {4});
  EXPECT_THAT(values_of(relu(x, 0.0, 6.0)),
              ::testing::ElementsAre(0, 0.1, 0.5, 6));
  const auto y = values_of(relu(x, 0.1, 1.0, 0.2));
  EXPECT_NEAR(y[0], 0.1 * (-2.0 - 0.2), 1e-12);
  EXPECT_NEAR(y[1], 0.1 * (0.1 - 0.2), 1e-12);
  EXPECT_NEAR(y[2], 0.5, 1e-12);
  EXPECT_NEAR(y[3], 1.0, 1e-12);
  EXPECT_THAT(values_of(relu(x, 0.5)), ::testing::ElementsAre(-1, 0.1, 0.5, 7));
}

TEST(ActivationFunctionsTest, SparsemaxReproducesKerasQuirk) {
  // Support {0}: textbook and Keras agree (one-hot).
  EXPECT_THAT(
      values_of(sparsemax(Tensor::from_vector<double>({3, 0, -1}, {1, 3}))),
      ::testing::ElementsAre(1, 0, 0));
  // z = (1, 0.8): support {1, 2}, cumsums (1, 1.8): Keras' tau = (1 + 1.8 -
  // 1) / 2 = 0.9 (textbook: 0.4), so the output is (0.1, 0).
  const auto y =
      values_of(sparsemax(Tensor::from_vector<double>({1, 0.8}, {1, 2})));
  EXPECT_NEAR(y[0], 0.1, 1e-12);
  EXPECT_NEAR(y[1], 0.0, 1e-12);
  // Any axis, and symbolic shapes.
  const Tensor z = random::normal({3, 4, 2}, 0, 1, 3);
  const Tensor along1 = sparsemax(z, 1);
  const Tensor moved =
      ops::transpose(sparsemax(ops::transpose(z, {0, 2, 1}), -1), {0, 2, 1});
  EXPECT_TRUE(testing::AllClose(along1, moved));
  EXPECT_EQ(sparsemax(Tensor::symbolic({-1, 5})).shape(), (Shape{-1, 5}));
  EXPECT_THROW(sparsemax(Tensor::scalar(1.0)), ValueError);
}

TEST(ActivationFunctionsTest, GradientsMatchFiniteDifferences) {
  const Tensor x = Tensor::from_vector<double>(
      {-2.1, -0.7, 0.3, 0.9, 2.5, -1.3, 1.7, 0.05}, {2, 4});
  for (const char* name :
       {"celu", "gelu", "glu", "hard_shrink", "soft_shrink", "hard_silu",
        "hard_tanh", "log_sigmoid", "mish", "sparse_plus", "sparse_sigmoid",
        "squareplus", "tanh_shrink", "sparsemax", "swish", "hard_swish"}) {
    SCOPED_TRACE(name);
    const Activation fn(name);
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return fn(in[0]); }, {x});
  }
  // sparsemax with a support of several entries, along a middle axis.
  keras::testing::expect_gradients_match(
      [](const Tensors& in) { return ops::sparsemax(in[0], 1); },
      {Tensor::from_vector<double>({0.9, 0.1, 0.85, 0.2, 0.3, 0.0},
                                   {1, 3, 2})});
  keras::testing::expect_gradients_match(
      [](const Tensors& in) { return relu(in[0], 0.2, 1.0, 0.1); }, {x});
}

TEST(ActivationFunctionsTest, SerializedAsKerasNames) {
  EXPECT_EQ(Activation("hard_swish").serialize(), "hard_silu");
  EXPECT_EQ(Activation("sparsemax").serialize(), "sparsemax");
  EXPECT_TRUE(Activation("threshold").is_builtin());
}

TEST(ActivationFunctionsTest, BadArgumentsAreRefusedWithKerasMessages) {
  try {
    glu(Tensor::zeros({2, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("axis size must be divisible by 2"));
  }
  try {
    Activation("threshold")(Tensor::zeros({2}));
    FAIL() << "no error";
  } catch (const TypeError& e) {
    EXPECT_THAT(e.what(), HasSubstr("missing 2 required positional arguments"));
  }
}

}  // namespace
}  // namespace keras::activations
