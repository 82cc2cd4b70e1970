#include "keras/layers/core/einsum_dense.h"

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

TEST(EinsumDenseTest, KerasCases) {
  for (const char* c :
       {"einsum_dense_ab_bc", "einsum_dense_abc_cd", "einsum_dense_abc_cde"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(EinsumDenseTest, KernelBiasAndOutputShapes) {
  EinsumDense layer("abc,cde->abde", {-1, 2, 3}, {.bias_axes = "de"});
  const Tensor y = layer(Tensor::ones({2, 4, 5}));
  EXPECT_EQ(y.shape(), (Shape{2, 4, 2, 3}));
  EXPECT_EQ(layer->kernel()->shape(), (Shape{5, 2, 3}));
  EXPECT_EQ(layer->bias()->shape(), (Shape{2, 3}));
  EXPECT_EQ(layer->full_output_shape(), (Shape{2, -1, 2, 3}));
  // A bias axis before a non-bias one gets size 1 for the latter.
  EinsumDense partial("abc,cde->abde", {-1, 2, 3}, {.bias_axes = "d"});
  partial(Tensor::ones({2, 4, 5}));
  EXPECT_EQ(partial->bias()->shape(), (Shape{2, 1}));
  // No bias_axes: no bias.
  EinsumDense plain("ab,bc->ac", {4});
  plain(Tensor::ones({1, 6}));
  EXPECT_EQ(plain->weights().size(), 1u);
}

TEST(EinsumDenseTest, EllipsisOnEitherSide) {
  EinsumDense left("...b,bc->...c", {4}, {.bias_axes = "c"});
  const Tensor x = Tensor::ones({2, 3, 5});
  EXPECT_EQ(left(x).shape(), (Shape{2, 3, 4}));
  EXPECT_EQ(left->kernel()->shape(), (Shape{5, 4}));
  EXPECT_EQ(left->bias()->shape(), (Shape{4}));
  EinsumDense right("abc...,cd->abd...", {-1, 4}, {.bias_axes = "d"});
  EXPECT_EQ(right(Tensor::ones({2, 3, 5, 7})).shape(), (Shape{2, 3, 4, 7}));
  EXPECT_EQ(right->bias()->shape(), (Shape{4, 1}));
}

TEST(EinsumDenseTest, MatchesDenseMath) {
  EinsumDense layer("abc,cd->abd", {-1, 2},
                    {.activation = "relu", .bias_axes = "d"});
  const Tensor x = Tensor::from_vector<float>({1, -1, 2, 0, 0.5, 3}, {1, 2, 3});
  layer(x);
  layer->kernel()->assign(
      Tensor::from_vector<float>({1, 0, 0, 1, 1, -1}, {3, 2}));
  layer->bias()->assign(Tensor::from_vector<float>({0.5, -0.5}, {2}));
  // [1,-1,2] -> [3, -3] + b = [3.5, -3.5]; [0,0.5,3] -> [3, -2.5] + b.
  EXPECT_TRUE(AllClose(
      layer(x), Tensor::from_vector<float>({3.5, 0, 3.5, 0}, {1, 2, 2})));
}

TEST(EinsumDenseTest, ConfigRoundTrip) {
  EinsumDense layer(
      "abc,cde->abde", {-1, 2, 3},
      {.bias_axes = "de",
       .kernel_regularizer = std::make_shared<regularizers::L2>(0.1)});
  const Json config = layer->get_config();
  EXPECT_EQ(config["output_shape"], Json::parse("[null, 2, 3]"));
  EXPECT_EQ(config["equation"], "abc,cde->abde");
  EXPECT_EQ(config["bias_axes"], "de");
  EXPECT_TRUE(config["activity_regularizer"].is_null());
  EXPECT_EQ(EinsumDenseLayer::from_config(config)->get_config(), config);
  Json int_shape = config;
  int_shape["output_shape"] = 4;
  EXPECT_EQ(EinsumDenseLayer::from_config(int_shape)->partial_output_shape(),
            (Shape{4}));
}

TEST(EinsumDenseTest, BadEquationsAndShapesAreRefused) {
  const auto build = [](const std::string& eq, Shape out, Shape in,
                        std::optional<std::string> bias = std::nullopt) {
    EinsumDense layer(eq, std::move(out), {.bias_axes = std::move(bias)});
    layer(Tensor::ones(in));
  };
  try {
    build("ab->b", {4}, {2, 3});
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Invalid einsum equation 'ab->b'"));
  }
  // Output b=4 but input b=3.
  EXPECT_THROW(build("abc,cd->abd", {4, 2}, {2, 3, 5}), ValueError);
  // Output dim 'e' unknown to input and kernel.
  EXPECT_THROW(build("ab,bc->ae", {4}, {2, 3}), ValueError);
  // Kernel dim 'x' in neither input nor output.
  EXPECT_THROW(build("ab,bx->a", {}, {2, 3}), ValueError);
  // Bias axis not in the output.
  EXPECT_THROW(build("ab,bc->ac", {4}, {2, 3}, "z"), ValueError);
  // A kernel dim left unknown.
  EXPECT_THROW(build("abc,cd->abd", {-1, -1}, {2, 3, 5}), ValueError);
  Json config = EinsumDense("ab,bc->ac", {4})->get_config();
  config["quantization_config"] = Json::object();
  EXPECT_THROW(EinsumDenseLayer::from_config(config), NotImplementedError);
}

TEST(EinsumDenseTest, GradientsMatchFiniteDifferences) {
  EinsumDense layer("abc,cde->abde", {-1, 2, 3},
                    {.bias_axes = "de",
                     .kernel_initializer = "glorot_uniform",
                     .bias_initializer = "ones",
                     .base = {.dtype = "float64"}});
  const Tensor x = Tensor::from_vector<double>(
      {0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9, 1.0, -1.1, 1.2},
      {1, 3, 4});
  layer(x);
  keras::testing::expect_variable_gradients_match(
      [&] { return keras::testing::weighted_sum_for_gradient_check(layer(x)); },
      layer->trainable_weights());
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); }, {x});
}

}  // namespace
}  // namespace keras::layers
