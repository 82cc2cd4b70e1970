#include "keras/layers/attention/multi_head_attention.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/core/embedding.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/layer_case.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/npy.h"

namespace keras::layers {
namespace {

using testing::AllClose;
using ::testing::HasSubstr;

TEST(MultiHeadAttentionTest, KerasCases) {
  for (const char* c :
       {"multi_head_attention_self", "multi_head_attention_cross_key",
        "multi_head_attention_mask", "multi_head_attention_scores",
        "multi_head_attention_axes", "multi_head_attention_causal"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(MultiHeadAttentionTest, TransformerEncoderBlockModel) {
  const std::string dir = testing::fixture("models/transformer_encoder_block/");
  auto model = saving::load_model(dir + "model.keras");
  EXPECT_TRUE(AllClose(model->predict(load_npy(dir + "input_0.npy")),
                       load_npy(dir + "expected_0.npy"), 1e-5, 1e-5));
}

TEST(MultiHeadAttentionTest, SublayersWeightsAndBuildConfig) {
  MultiHeadAttention mha(2, 3, {.value_dim = 4, .output_shape = Shape{5}});
  const Tensor q = Input({4, 6}), v = Input({7, 8});
  const Tensor y = mha(q, v);
  EXPECT_EQ(y.shape(), (Shape{-1, 4, 5}));
  EXPECT_EQ(mha->query_dense()->name(), "query");
  EXPECT_EQ(mha->query_dense()->equation(), "abc,cde->abde");
  EXPECT_EQ(mha->output_dense()->equation(), "abcd,cde->abe");
  std::vector<Shape> shapes;
  for (const auto& w : mha->weights()) shapes.push_back(w->shape());
  EXPECT_EQ(shapes, (std::vector<Shape>{{6, 2, 3},
                                        {2, 3},
                                        {8, 2, 3},
                                        {2, 3},
                                        {8, 2, 4},
                                        {2, 4},
                                        {2, 4, 5},
                                        {5}}));
  EXPECT_EQ(mha->get_build_config(), Json::parse(R"({"shapes_dict": {
      "query_shape": [null, 4, 6], "value_shape": [null, 7, 8]}})"));
  std::vector<std::string> attributes;
  for (const auto& a : mha->tracked_attributes()) attributes.push_back(a.name);
  EXPECT_EQ(attributes, (std::vector<std::string>{
                            "query_dense", "key_dense", "value_dense",
                            "_softmax", "_dropout_layer", "output_dense"}));
  EXPECT_EQ(mha->get_config()["attention_axes"], Json::parse("[1]"));
  // A rebuilt copy gets the same weights from the build config.
  auto copy = MultiHeadAttentionLayer::from_config(mha->get_config());
  copy->build_from_config(mha->get_build_config());
  EXPECT_EQ(copy->weights().size(), 8u);
  EXPECT_EQ(copy->get_config(), mha->get_config());
}

// tf.keras 2 configs carry the call's shapes (query_shape, value_shape,
// key_shape) and a build_config with the query's shape only: the layer is
// built from the former, as tf.keras' from_config did.
TEST(MultiHeadAttentionTest, TfKeras2ConfigWithCallShapesIsBuilt) {
  auto mha = std::make_shared<MultiHeadAttentionLayer>(2, 3);
  Json config = mha->get_config();
  config["query_shape"] = Json::parse("[null, 4, 6]");
  config["value_shape"] = Json::parse("[null, 7, 8]");
  config["key_shape"] = Json::parse("[null, 7, 8]");
  auto copy = MultiHeadAttentionLayer::from_config(config);
  EXPECT_TRUE(copy->built());
  EXPECT_EQ(copy->weights().size(), 8u);
  copy->build_from_config(Json::parse(R"({"input_shape": [null, 4, 6]})"));
  EXPECT_EQ(copy->weights()[0]->shape(), (Shape{6, 2, 3}));  // query kernel
  EXPECT_EQ(copy->weights()[2]->shape(), (Shape{8, 2, 3}));  // key kernel
}

// A config may record a call with the query only (found by fuzzing
// model_from_json): Python's TypeError, not an out-of-range access.
TEST(MultiHeadAttentionTest, CallWithoutValueIsTypeError) {
  MultiHeadAttention mha(2, 2);
  const Tensor q = random::normal({2, 3, 4}, 0, 1, 1);
  mha(q, q);  // built (a loaded layer is built from its build_config)
  testing::expect_error<TypeError>(
      [&] { mha->call_with({q}, ArgsForm::kSingle); },
      "MultiHeadAttention.call() missing 1 required positional argument: "
      "'value'");
  GroupedQueryAttention gqa(2, 2, 1);
  gqa(q, q);
  testing::expect_error<TypeError>(
      [&] { gqa->call_with({q}, ArgsForm::kSingle); },
      "GroupQueryAttention.call() missing 1 required positional argument: "
      "'value'");
}

TEST(MultiHeadAttentionTest, KeyAsKeywordAndGate) {
  MultiHeadAttention mha(2, 2, {.use_gate = true});
  const Tensor q = random::normal({2, 3, 4}, 0, 1, 1);
  const Tensor v = random::normal({2, 5, 4}, 0, 1, 2);
  const Tensor k = random::normal({2, 5, 6}, 0, 1, 3);
  CallContext ctx;
  ctx.tensor_kwargs = {{"key", k}};
  const Tensors out = mha->call_with({q, v}, ArgsForm::kPositional, ctx);
  EXPECT_EQ(out.at(0).shape(), (Shape{2, 3, 4}));
  EXPECT_TRUE(mha->get_build_config()["shapes_dict"].contains("key_shape"));
  EXPECT_TRUE(AllClose(mha(q, v, {.key = k}), out[0], 0, 0));
  std::vector<std::string> attributes;
  for (const auto& a : mha->tracked_attributes()) attributes.push_back(a.name);
  EXPECT_EQ(attributes[2], "_gate_dense");
  // key given twice.
  EXPECT_THROW(mha->call_with({q, v, k}, ArgsForm::kPositional, ctx),
               TypeError);
}

TEST(MultiHeadAttentionTest, MasksMatchAnExplicitAttentionMask) {
  // Padding masks of query (B, T) and value (B, S) act as the attention
  // mask q[:, :, None] & v[:, None, :]; the query's mask rides on the output.
  Embedding embed(10, 4, {.mask_zero = true});
  const Tensor tokens_q = Tensor::from_vector<int>({1, 2, 0, 3, 0, 0}, {2, 3});
  const Tensor tokens_v =
      Tensor::from_vector<int>({4, 5, 6, 0, 7, 8, 0, 0}, {2, 4});
  const Tensor q = embed(tokens_q), v = embed(tokens_v);
  MultiHeadAttention mha(2, 3);
  const Tensors masked =
      mha->call_attention(q, v, {.return_attention_scores = true});
  const Tensor qm = ops::not_equal(tokens_q, Tensor::scalar(0, DType::int32));
  const Tensor vm = ops::not_equal(tokens_v, Tensor::scalar(0, DType::int32));
  const Tensor explicit_mask =
      ops::logical_and(ops::expand_dims(qm, -1), ops::expand_dims(vm, -2));
  const Tensor q_plain = ops::add(q, Tensor::scalar(0.0));
  const Tensor v_plain = ops::add(v, Tensor::scalar(0.0));
  const Tensors manual = mha->call_attention(
      q_plain, v_plain,
      {.attention_mask = explicit_mask, .return_attention_scores = true});
  EXPECT_TRUE(AllClose(masked[0], manual[0], 1e-6, 1e-6));
  EXPECT_TRUE(AllClose(masked[1], manual[1], 1e-6, 1e-6));
  ASSERT_TRUE(get_keras_mask(masked[0]).defined());
  EXPECT_TRUE(AllClose(get_keras_mask(masked[0]), qm, 0, 0));
  // Masked keys get zero weight.
  const auto scores = masked[1].to_double_vector();  // (2, 2, 3, 4)
  EXPECT_EQ(scores[3], 0.0);                         // b0, h0, t0, s3
}

TEST(MultiHeadAttentionTest, CausalMaskWeightsOnlyThePast) {
  MultiHeadAttention mha(1, 2);
  const Tensor x = random::normal({1, 3, 2}, 0, 1, 4);
  const Tensors out = mha->call_attention(
      x, x, {.return_attention_scores = true, .use_causal_mask = true});
  const auto s = out[1].to_double_vector();  // (1, 1, 3, 3)
  EXPECT_EQ(s[1], 0.0);
  EXPECT_EQ(s[2], 0.0);
  EXPECT_EQ(s[5], 0.0);
  EXPECT_NEAR(s[0], 1.0, 1e-6);
}

TEST(MultiHeadAttentionTest, FunctionalSaveLoadKeepsAttentionMaskKwarg) {
  testing::TempDir dir;
  const Tensor q = Input({4, 6}, {.name = "q"});
  const Tensor v = Input({5, 6}, {.name = "v"});
  const Tensor m = Input({4, 5}, {.dtype = DType::int32, .name = "m"});
  MultiHeadAttention mha(3, 2, {.base = {.name = "mha"}});
  const Tensors out = mha->call_attention(
      q, v, {.attention_mask = m, .return_attention_scores = true});
  Model model({q, v, m}, out);
  const Json config = model.get_config();
  const Json& node = config["layers"][3]["inbound_nodes"][0];
  EXPECT_EQ(node["args"].size(), 2u);
  EXPECT_EQ(node["kwargs"]["attention_mask"]["config"]["keras_history"],
            Json::parse(R"(["m", 0, 0])"));
  EXPECT_EQ(node["kwargs"]["return_attention_scores"], true);
  const Tensor xq = random::normal({2, 4, 6}, 0, 1, 5);
  const Tensor xv = random::normal({2, 5, 6}, 0, 1, 6);
  const Tensor xm = ops::cast(
      ops::greater(random::uniform({2, 4, 5}, 0, 1, 7), Tensor::scalar(0.3)),
      DType::int32);
  const Tensors y = model.predict(Tensors{xq, xv, xm});
  model.save(dir.file("m.keras"));
  auto back = saving::load_model(dir.file("m.keras"));
  const Tensors y2 = back->predict(Tensors{xq, xv, xm});
  ASSERT_EQ(y2.size(), 2u);
  EXPECT_TRUE(AllClose(y2[0], y[0], 0, 0));
  EXPECT_TRUE(AllClose(y2[1], y[1], 0, 0));
  EXPECT_EQ(back->get_config(), config);
}

TEST(MultiHeadAttentionTest, InvalidArgumentsAreRefused) {
  try {
    MultiHeadAttention(0, 2);
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("num_heads=0"));
  }
  EXPECT_THROW(MultiHeadAttention(2, -1), ValueError);
  EXPECT_THROW(MultiHeadAttention(2, 2, {.value_dim = 0}), ValueError);
  EXPECT_THROW(MultiHeadAttention(2, 2, {.sliding_window = 0}), ValueError);
  MultiHeadAttention mha(2, 2);
  const Tensor q = Input({4, 6});
  // value (5, ...) and key (6, ...) disagree.
  EXPECT_THROW(mha(q, Input({5, 6}), {.key = Input({6, 6})}), ValueError);
  MultiHeadAttention other(2, 2);
  EXPECT_THROW(other->build_from_config(Json::parse(
                   R"({"shapes_dict": {"query_shape": [null, 4, 6],
                                       "bogus_shape": [null, 5, 6]}})")),
               ValueError);
  EXPECT_THROW(other->build_from_config(Json::parse(
                   R"({"shapes_dict": {"value_shape": [null, 5, 6]}})")),
               ValueError);
  Json config = MultiHeadAttention(2, 2)->get_config();
  config.erase("num_heads");
  EXPECT_THROW(MultiHeadAttentionLayer::from_config(config), ValueError);
}

TEST(MultiHeadAttentionTest, GradientsMatchFiniteDifferences) {
  MultiHeadAttention mha(
      2, 2, {.bias_initializer = "ones", .base = {.dtype = "float64"}});
  const Tensor q =
      ops::cast(random::normal({1, 3, 4}, 0, 1, 8), DType::float64);
  const Tensor v =
      ops::cast(random::normal({1, 2, 4}, 0, 1, 9), DType::float64);
  mha(q, v);
  keras::testing::expect_variable_gradients_match(
      [&] {
        return keras::testing::weighted_sum_for_gradient_check(
            mha(q, v, {.use_causal_mask = true}));
      },
      mha->trainable_weights());
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return mha(in[0], in[1]); }, {q, v});
}

}  // namespace
}  // namespace keras::layers
