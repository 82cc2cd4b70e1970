#include "keras/layers/attention/grouped_query_attention.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/attention/multi_head_attention.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using testing::AllClose;
using ::testing::HasSubstr;

TEST(GroupedQueryAttentionTest, KerasCase) {
  testing::expect_layer_case("group_query_attention");
}

TEST(GroupedQueryAttentionTest, WeightsAttributesAndBuildConfig) {
  GroupedQueryAttention gqa(2, 4, 2);
  EXPECT_EQ(gqa->name().rfind("grouped_query_attention", 0), 0u);
  const Tensor y = gqa(Input({4, 6}), Input({5, 6}));
  EXPECT_EQ(y.shape(), (Shape{-1, 4, 6}));
  std::vector<Shape> shapes;
  for (const auto& w : gqa->weights()) shapes.push_back(w->shape());
  EXPECT_EQ(shapes, (std::vector<Shape>{{6, 4, 2},
                                        {4, 2},
                                        {6, 2, 2},
                                        {2, 2},
                                        {6, 2, 2},
                                        {2, 2},
                                        {4, 2, 6},
                                        {6}}));
  std::vector<std::string> attributes;
  for (const auto& a : gqa->tracked_attributes()) attributes.push_back(a.name);
  EXPECT_EQ(attributes, (std::vector<std::string>{
                            "_query_dense", "_key_dense", "_value_dense",
                            "_softmax", "_dropout_layer", "_output_dense"}));
  EXPECT_TRUE(gqa->get_build_config().contains("shapes_dict"));
  const Json config = gqa->get_config();
  EXPECT_EQ(GroupedQueryAttentionLayer::from_config(config)->get_config(),
            config);
}

TEST(GroupedQueryAttentionTest, OneKeyValueGroupPerQueryHeadIsMultiHead) {
  // With as many key/value heads as query heads, GQA is MHA on (B, T, dim).
  GroupedQueryAttention gqa(2, 2, 2);
  MultiHeadAttention mha(2, 2);
  const Tensor q = random::normal({2, 3, 4}, 0, 1, 1);
  const Tensor v = random::normal({2, 5, 4}, 0, 1, 2);
  gqa(q, v);
  mha(q, v);
  mha->set_weights(gqa->get_weights());
  EXPECT_TRUE(AllClose(gqa(q, v, {.use_causal_mask = true}),
                       mha(q, v, {.use_causal_mask = true}), 1e-5, 1e-6));
  const Tensors scores =
      gqa->call_attention(q, v, {.return_attention_scores = true});
  EXPECT_EQ(scores.at(1).shape(), (Shape{2, 2, 3, 5}));
}

TEST(GroupedQueryAttentionTest, InvalidArgumentsAreRefused) {
  try {
    GroupedQueryAttention(2, 3, 2);
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("divisible"));
  }
  EXPECT_THROW(GroupedQueryAttention(0, 2, 2), ValueError);
  EXPECT_THROW(GroupedQueryAttention(2, 2, 2, {.sliding_window = -1}),
               ValueError);
  GroupedQueryAttention gqa(2, 2, 1);
  EXPECT_THROW(gqa(Input({4, 6}), Input({5, 7})), ValueError);
  GroupedQueryAttention other(2, 2, 1);
  EXPECT_THROW(other(Input({4, 6, 1}), Input({5, 6, 1})), ValueError);
}

TEST(GroupedQueryAttentionTest, GradientsMatchFiniteDifferences) {
  GroupedQueryAttention gqa(2, 2, 1,
                            {.sliding_window = 2,
                             .bias_initializer = "ones",
                             .base = {.dtype = "float64"}});
  const Tensor q =
      ops::cast(random::normal({1, 3, 4}, 0, 1, 3), DType::float64);
  const Tensor v =
      ops::cast(random::normal({1, 3, 4}, 0, 1, 4), DType::float64);
  gqa(q, v);
  keras::testing::expect_variable_gradients_match(
      [&] {
        return keras::testing::weighted_sum_for_gradient_check(gqa(q, v));
      },
      gqa->trainable_weights());
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return gqa(in[0], in[1]); }, {q, v});
}

}  // namespace
}  // namespace keras::layers
