#include "keras/layers/core/dense.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using testing::AllClose;
using ::testing::HasSubstr;

TEST(DenseTest, MatchesKerasFixtures) {
  for (const char* c :
       {"dense_activation_gelu", "dense_activation_swish", "dense_linear",
        "dense_regularized_constrained", "dense_relu", "dense_sigmoid_rank3",
        "dense_softmax", "dense_tanh_no_bias"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(DenseTest, ConfigIsKerasConfig) {
  utils::clear_session();
  utils::uniquify("dense");  // the guide's layer is the second Dense: dense_1
  Dense layer(3, {.activation = "relu"});
  const std::string dir = testing::fixture("guide/c_dense_layer_get_config/");
  EXPECT_EQ(layer->get_config(), testing::read_json(dir + "layer_config.json"));
  EXPECT_EQ(saving::serialize_keras_object(*layer),
            testing::read_json(dir + "serialized.json"));
  auto copy = DenseLayer::from_config(layer->get_config());
  EXPECT_EQ(copy->get_config(), layer->get_config());
}

TEST(DenseTest, ComputesActivationOfAffineMap) {
  Dense layer(2, {.activation = "relu"});
  Tensor x = Tensor::from_vector<float>({1, -1, 2, 0}, {2, 2});
  layer(x);  // builds
  layer->kernel()->assign(Tensor::from_vector<float>({1, 2, 3, -4}, {2, 2}));
  layer->bias()->assign(Tensor::from_vector<float>({0.5, 0.5}, {2}));
  // [1,-1]@K = [-2, 6]; [2,0]@K = [2, 4]; + 0.5, relu.
  EXPECT_TRUE(AllClose(layer(x),
                       Tensor::from_vector<float>({0, 6.5, 2.5, 4.5}, {2, 2})));
}

TEST(DenseTest, AppliesToTheLastAxisOfHigherRankInputs) {
  Dense layer(5);
  EXPECT_EQ(layer(Tensor::zeros({2, 3, 4})).shape(), (Shape{2, 3, 5}));
  EXPECT_EQ(layer->kernel()->shape(), (Shape{4, 5}));
}

TEST(DenseTest, WeightsAreKernelThenBias) {
  Dense layer(4, {.use_bias = true});
  layer(Tensor::zeros({1, 3}));
  auto weights = layer->weights();
  ASSERT_EQ(weights.size(), 2u);
  EXPECT_EQ(weights[0]->path(), layer->name() + "/kernel");
  EXPECT_EQ(weights[1]->path(), layer->name() + "/bias");
  Dense no_bias(4, {.use_bias = false});
  no_bias(Tensor::zeros({1, 3}));
  EXPECT_EQ(no_bias->weights().size(), 1u);
}

TEST(DenseTest, InitializersRegularizersAndConstraintsAreUsedAndSerialized) {
  Dense layer(3,
              {.kernel_initializer = "ones",
               .bias_initializer = initializers::Constant(0.5),
               .kernel_regularizer = std::make_shared<regularizers::L2>(0.1),
               .kernel_constraint = std::make_shared<constraints::NonNeg>()});
  layer(Tensor::zeros({1, 2}));
  EXPECT_TRUE(AllClose(layer->kernel()->value(), Tensor::ones({2, 3})));
  EXPECT_TRUE(AllClose(layer->bias()->value(), Tensor::full({3}, 0.5)));
  ASSERT_EQ(layer->losses().size(), 1u);
  EXPECT_NEAR(layer->losses()[0].item(), 0.1 * 6, 1e-6);
  const Json config = layer->get_config();
  EXPECT_EQ(config["kernel_initializer"]["class_name"], "Ones");
  EXPECT_EQ(config["bias_initializer"]["config"]["value"], 0.5);
  EXPECT_EQ(config["kernel_regularizer"]["class_name"], "L2");
  EXPECT_EQ(config["kernel_constraint"]["class_name"], "NonNeg");
  auto copy = DenseLayer::from_config(config);
  EXPECT_EQ(copy->get_config(), config);
}

TEST(DenseTest, InvalidUnitsAreRefusedWithKerasMessage) {
  for (std::int64_t units : {0, -3}) {
    try {
      Dense layer(units);
      FAIL() << "no error for " << units;
    } catch (const ValueError& e) {
      EXPECT_THAT(e.what(), HasSubstr("expected a positive integer"));
      EXPECT_THAT(e.what(), HasSubstr("Received: units="));
    }
  }
}

TEST(DenseTest, WrongValueTypeInConfigIsATypeError) {
  try {
    saving::load_model(
        testing::fixture("bad/config_wrong_value_type/model.keras"));
    FAIL() << "no error";
  } catch (const TypeError& e) {
    EXPECT_THAT(e.what(), HasSubstr("`units` must be an integer"));
  }
}

TEST(DenseTest, IncompatibleInputIsRefused) {
  Dense layer(2);
  layer(Tensor::zeros({1, 3}));
  try {
    layer(Tensor::zeros({1, 4}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("expected axis -1 of input shape to have "
                                    "value 3"));
  }
}

TEST(DenseTest, GradientsMatchFiniteDifferences) {
  Dense layer(
      3, {.activation = "tanh",
          .kernel_regularizer = std::make_shared<regularizers::L1L2>(0.1, 0.2),
          .base = {.dtype = "float64"}});
  const Tensor x = random::normal({2, 4}, 0, 1, 1, DType::float64);
  layer(x);
  const Tensor w = random::normal({2, 3}, 0, 1, 2, DType::float64);
  testing::expect_variable_gradients_match(
      [&] {
        Tensor loss = ops::sum(layer(x) * w);
        for (const Tensor& penalty : layer->losses()) loss = loss + penalty;
        return loss;
      },
      layer->weights());
  // And with respect to the input.
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); }, {x});
}

}  // namespace
}  // namespace keras::layers
