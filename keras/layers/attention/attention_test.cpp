#include "keras/layers/attention/attention.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/attention/additive_attention.h"
#include "keras/layers/core/embedding.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using testing::AllClose;
using ::testing::HasSubstr;

TEST(AttentionTest, KerasCases) {
  for (const char* c :
       {"attention_dot", "attention_causal", "attention_scale_concat_key"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(AttentionTest, DotScoresSoftmaxAndValues) {
  Attention layer;
  const Tensor q = Tensor::from_vector<float>({1, 0}, {1, 1, 2});
  const Tensor v = Tensor::from_vector<float>({1, 0, 0, 1}, {1, 2, 2});
  const Tensors out = layer->call_with(
      {q, v}, ArgsForm::kList,
      CallContext{.kwargs = {{"return_attention_scores", true}}});
  // scores [1, 0] -> softmax [e/(e+1), 1/(e+1)].
  const double p = std::exp(1.0) / (std::exp(1.0) + 1.0);
  EXPECT_TRUE(AllClose(
      out[1], Tensor::from_vector<float>({float(p), float(1 - p)}, {1, 1, 2})));
  EXPECT_TRUE(AllClose(
      out[0], Tensor::from_vector<float>({float(p), float(1 - p)}, {1, 1, 2})));
  EXPECT_EQ(layer->get_build_config(),
            Json::parse(R"({"input_shape": [[1, 1, 2], [1, 2, 2]]})"));
}

TEST(AttentionTest, MasksExcludeValuesAndZeroQueries) {
  Embedding embed(10, 3, {.mask_zero = true});
  const Tensor q = embed(Tensor::from_vector<int>({1, 0}, {1, 2}));
  const Tensor v = embed(Tensor::from_vector<int>({2, 3, 0}, {1, 3}));
  Attention layer;
  const Tensors out = layer->call_with(
      {q, v}, ArgsForm::kList,
      CallContext{.kwargs = {{"return_attention_scores", true}}});
  const auto w = out[1].to_double_vector();  // (1, 2, 3)
  EXPECT_EQ(w[2], 0.0);
  EXPECT_NEAR(w[0] + w[1], 1.0, 1e-6);
  const auto y = out[0].to_double_vector();  // (1, 2, 3): query 1 masked
  EXPECT_EQ(y[3], 0.0);
  EXPECT_EQ(y[5], 0.0);
  EXPECT_TRUE(get_keras_mask(out[0]).defined());
}

TEST(AttentionTest, InvalidInputsAndConfig) {
  Attention layer;
  const Tensor x = Tensor::ones({1, 2, 3});
  try {
    layer(x);
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("must be called on a list of inputs"));
  }
  EXPECT_THROW(Attention()(Tensors{x}), ValueError);
  EXPECT_THROW(Attention()(Tensors{x, x, x, x}), ValueError);
  try {
    Attention({.score_mode = "add"});
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("score_mode=add"));
  }
  Attention concat({.use_scale = true, .score_mode = "concat", .seed = 3});
  const Json config = concat->get_config();
  EXPECT_EQ(config["seed"], 3);
  EXPECT_EQ(AttentionLayer::from_config(config)->get_config(), config);
}

TEST(AttentionTest, GradientsMatchFiniteDifferences) {
  for (const std::string mode : {"dot", "concat"}) {
    SCOPED_TRACE(mode);
    Attention layer(
        {.use_scale = true, .score_mode = mode, .base = {.dtype = "float64"}});
    const Tensor q =
        ops::cast(random::normal({1, 2, 3}, 0, 1, 1), DType::float64);
    const Tensor v =
        ops::cast(random::normal({1, 3, 3}, 0, 1, 2), DType::float64);
    layer(Tensors{q, v});
    layer->scale()->assign(Tensor::scalar(0.7, DType::float64));
    keras::testing::expect_variable_gradients_match(
        [&] {
          return keras::testing::weighted_sum_for_gradient_check(
              layer(Tensors{q, v}));
        },
        layer->trainable_weights());
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) {
          return layer(Tensors{in[0], in[1]});
        },
        {q, v});
  }
}

TEST(AdditiveAttentionTest, KerasCases) {
  for (const char* c : {"additive_attention", "additive_attention_no_scale"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(AdditiveAttentionTest, ScaleWeightAndConfig) {
  AdditiveAttention layer;
  layer(Tensors{Tensor::ones({1, 2, 4}), Tensor::ones({1, 3, 4})});
  ASSERT_EQ(layer->weights().size(), 1u);
  EXPECT_EQ(layer->weights()[0]->shape(), (Shape{4}));
  const Json config = layer->get_config();
  EXPECT_FALSE(config.contains("score_mode"));
  EXPECT_EQ(AdditiveAttentionLayer::from_config(config)->get_config(), config);
  AdditiveAttention plain({.use_scale = false});
  plain(Tensors{Tensor::ones({1, 2, 4}), Tensor::ones({1, 3, 4})});
  EXPECT_TRUE(plain->weights().empty());
}

TEST(AdditiveAttentionTest, GradientsMatchFiniteDifferences) {
  AdditiveAttention layer({.base = {.dtype = "float64"}});
  const Tensor q =
      ops::cast(random::normal({1, 2, 3}, 0, 1, 3), DType::float64);
  const Tensor v =
      ops::cast(random::normal({1, 3, 3}, 0, 1, 4), DType::float64);
  const Tensor k =
      ops::cast(random::normal({1, 3, 3}, 0, 1, 5), DType::float64);
  layer(Tensors{q, v, k});
  keras::testing::expect_variable_gradients_match(
      [&] {
        return keras::testing::weighted_sum_for_gradient_check(
            layer(Tensors{q, v, k}));
      },
      layer->trainable_weights());
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) {
        return layer(Tensors{in[0], in[1], in[2]});
      },
      {q, v, k});
}

}  // namespace
}  // namespace keras::layers
