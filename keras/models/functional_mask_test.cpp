// Masks in Functional graphs built in C++: compute_mask on symbolic inputs
// becomes graph nodes (Embedding: NotEqual; Masking: NotEqual + Any) and the
// mask reaches layers whose Keras call() takes `mask=` as that kwarg, so the
// configs are Keras' (the fixtures were written by Python Keras).
#include <gtest/gtest.h>

#include <algorithm>

#include "keras/keras.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using testing::AllClose;
using testing::fixture;

// The `layers` of a Functional config without the "training" kwargs Keras
// adds from call() defaults (not modelled yet) and without weights-related
// differences: keras.cpp records what it models, the rest must be equal.
Json without_training_defaults(Json layers) {
  for (Json& layer : layers) {
    for (Json& node : layer["inbound_nodes"]) {
      if (node.is_object() && node.contains("kwargs")) {
        node["kwargs"].erase("training");
      }
    }
  }
  return layers;
}

Json fixture_layers(const std::string& path) {
  return testing::read_json(fixture(path))["config"]["layers"];
}

std::vector<std::string> op_classes(const Model& model) {
  std::vector<std::string> out;
  const Json config = model.get_config();
  for (const Json& layer : config["layers"]) {
    if (layer["module"] != "keras.layers") out.push_back(layer["class_name"]);
  }
  return out;
}

Tensor int_tensor(const Shape& shape, std::vector<std::int32_t> values) {
  Tensor t = Tensor::zeros(shape, DType::int32);
  std::copy(values.begin(), values.end(), t.data<std::int32_t>());
  return t;
}

TEST(FunctionalMaskTest, EmbeddingMaskIsANotEqualNodeAsInKeras) {
  // models/call_kwargs_training_mask, written in C++.
  utils::clear_session();
  Tensor tok = Input({5}, {.dtype = DType::int32, .name = "tokens"});
  Tensor emb = layers::Embedding(
      9, 4, {.mask_zero = true, .base = {.name = "emb"}})(tok);
  CallContext no_training;
  no_training.kwargs = {{"training", false}};
  Tensor h = layers::Dropout(0.5, {.base = {.name = "drop"}})(emb, no_training);
  h = layers::GRU(3, {.return_sequences = true, .base = {.name = "gru"}})(h);
  h = layers::LSTM(2, {.base = {.name = "lstm"}})(h);
  Tensor out = layers::Dense(1, {.base = {.name = "out"}})(h);
  Model model(tok, out);

  const Json expected = without_training_defaults(
      fixture_layers("models/call_kwargs_training_mask/config.json"));
  Json got = without_training_defaults(model.get_config()["layers"]);
  // Dropout's training=False was passed by the caller and stays.
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i]["name"], expected[i]["name"]);
    EXPECT_EQ(got[i]["inbound_nodes"], expected[i]["inbound_nodes"])
        << got[i]["name"];
  }
  EXPECT_EQ(got[3]["class_name"], "NotEqual");
  EXPECT_EQ(got[3]["module"], "keras.src.ops.numpy");
  EXPECT_EQ(got[3]["config"], Json({{"name", "not_equal"}}));
  // NotEqual holds no weights and is not one of the model's layers.
  for (const LayerPtr& layer : model.layers()) {
    EXPECT_NE(layer->class_name(), "NotEqual");
  }
}

TEST(FunctionalMaskTest, MaskingMaskIsNotEqualThenAnyAsInKeras) {
  // layers/masking_lstm, written in C++.
  utils::clear_session();
  Tensor x = Input({6, 4}, {.name = "x0"});
  Tensor h = layers::Masking()(x);
  Model model(x, layers::LSTM(3)(h));
  const Json expected = without_training_defaults(
      fixture_layers("layers/masking_lstm/config.json"));
  const Json got = without_training_defaults(model.get_config()["layers"]);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i]["name"], expected[i]["name"]);
    EXPECT_EQ(got[i]["inbound_nodes"], expected[i]["inbound_nodes"])
        << got[i]["name"];
    if (got[i]["class_name"] == "Any" || got[i]["class_name"] == "NotEqual") {
      EXPECT_EQ(got[i]["config"], expected[i]["config"]);
    }
  }
}

TEST(FunctionalMaskTest, MaskNodesRunAndRoundTrip) {
  utils::clear_session();
  Tensor tok = Input({-1}, {.dtype = DType::int32, .name = "tokens"});
  Tensor h = layers::Embedding(10, 3, {.mask_zero = true})(tok);
  h = layers::LSTM(2)(h);
  Model model(tok, h);
  // Padded positions (0) are skipped: a sequence and its right-padded copy
  // end in the same state.
  const Tensor ids = int_tensor({2, 4}, {3, 5, 7, 2, 3, 5, 0, 0});
  const Tensor y = model.predict(ids);
  const Tensor short_ids = int_tensor({1, 2}, {3, 5});
  const Tensor y_short = model.predict(short_ids);
  EXPECT_TRUE(AllClose(ops::slice_axis(y, 0, 1, 2), y_short, 1e-6, 1e-6));
  // Keras' JSON of the graph (NotEqual node, mask kwarg) loads back to the
  // same graph and predictions.
  auto back = models::model_from_json(model.to_json());
  back->set_weights(model.get_weights());
  EXPECT_EQ(back->to_json(), model.to_json());
  EXPECT_TRUE(AllClose(back->predict(ids), y, 1e-6, 1e-6));
}

TEST(FunctionalMaskTest, ExplicitMaskKwargWins) {
  utils::clear_session();
  Tensor x = Input({3, 2});
  Tensor m = Input({3}, {.dtype = DType::bool_});
  CallContext ctx;
  ctx.tensor_kwargs = {{"mask", m}};
  Model model(Tensors{x, m}, Tensors{layers::LSTM(2)(x, ctx)});
  const Json node = model.get_config()["layers"].back()["inbound_nodes"][0];
  EXPECT_EQ(node["kwargs"]["mask"]["config"]["keras_history"],
            Json::array({"input_layer_1", 0, 0}));
  Tensor xs = Tensor::ones({1, 3, 2});
  Tensor keep_all = Tensor::ones({1, 3}, DType::bool_);
  Tensor keep_first = Tensor::zeros({1, 3}, DType::bool_);
  keep_first.data<bool>()[0] = true;
  const Tensor all = model.predict(Tensors{xs, keep_all})[0];
  const Tensor first = model.predict(Tensors{xs, keep_first})[0];
  Tensor one_step = Tensor::ones({1, 1, 2});
  LayerPtr lstm;
  for (const LayerPtr& layer : model.layers()) {
    if (layer->class_name() == "LSTM") lstm = layer;
  }
  ASSERT_TRUE(lstm);
  EXPECT_TRUE(AllClose(first, (*lstm)(one_step), 1e-6, 1e-6));
  EXPECT_FALSE(AllClose(first, all, 1e-6, 1e-6));
}

TEST(FunctionalMaskTest, MergeLayersCombineMasksAsKeras) {
  utils::clear_session();
  layers::Embedding ea(10, 3, {.mask_zero = true});
  layers::Embedding eb(10, 3, {.mask_zero = true});
  layers::Embedding plain(10, 3);
  // Concrete: Add ORs the masks; Concatenate counts an unmasked input as
  // all valid.
  const Tensor ids_a = int_tensor({1, 3}, {1, 0, 0});
  const Tensor ids_b = int_tensor({1, 3}, {0, 2, 0});
  const Tensor added = layers::Add()(Tensors{ea(ids_a), eb(ids_b)});
  const Tensor or_mask = get_keras_mask(added);
  ASSERT_TRUE(or_mask.defined());
  EXPECT_EQ(std::vector<bool>(or_mask.data<bool>(), or_mask.data<bool>() + 3),
            (std::vector<bool>{true, true, false}));
  const Tensor joined = layers::Concatenate()(Tensors{ea(ids_a), plain(ids_b)});
  const Tensor any_mask = get_keras_mask(joined);
  ASSERT_TRUE(any_mask.defined());
  EXPECT_EQ(std::vector<bool>(any_mask.data<bool>(), any_mask.data<bool>() + 3),
            (std::vector<bool>{true, true, true}));
  // Dot drops masks, as in Keras.
  EXPECT_FALSE(
      get_keras_mask(layers::Dot(2)(Tensors{ea(ids_a), eb(ids_b)})).defined());

  // Symbolic: the same computations are nodes of the graph.
  Tensor a = Input({3}, {.dtype = DType::int32, .name = "a"});
  Tensor b = Input({3}, {.dtype = DType::int32, .name = "b"});
  Tensor sum = layers::Add()(Tensors{ea(a), eb(b)});
  Model add_model(Tensors{a, b}, Tensors{layers::LSTM(2)(sum)});
  EXPECT_EQ(op_classes(add_model),
            (std::vector<std::string>{"NotEqual", "NotEqual", "LogicalOr"}));
  Tensor cat = layers::Concatenate()(Tensors{ea(a), plain(b)});
  Model cat_model(Tensors{a, b}, Tensors{layers::LSTM(2)(cat)});
  std::vector<std::string> ops = op_classes(cat_model);
  std::sort(ops.begin(), ops.end());
  EXPECT_EQ(ops, (std::vector<std::string>{"Any", "Concatenate", "ExpandDims",
                                           "LogicalOr", "NotEqual", "OnesLike",
                                           "ZerosLike"}));
  for (Model* model : {&add_model, &cat_model}) {
    auto back = models::model_from_json(model->to_json());
    back->set_weights(model->get_weights());
    EXPECT_EQ(back->to_json(), model->to_json());
    const Tensors x = {ids_a, ids_b};
    EXPECT_TRUE(
        AllClose(back->predict(x)[0], model->predict(x)[0], 1e-6, 1e-6));
  }
}

TEST(FunctionalMaskTest, Bfloat16LayerOutputsAreBfloat16) {
  // models/bfloat16_policy, written in C++.
  utils::clear_session();
  Tensor x = Input({4}, {.name = "x"});
  Tensor h = layers::Dense(
      5, {.base = {.name = "bf16_dense", .dtype = "bfloat16"}})(x);
  EXPECT_EQ(h.dtype(), DType::bfloat16);
  Model model(x, layers::Dense(2, {.base = {.name = "f32_dense"}})(h));
  const Json expected = fixture_layers("models/bfloat16_policy/config.json");
  const Json got = model.get_config()["layers"];
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i]["inbound_nodes"], expected[i]["inbound_nodes"]);
  }
  EXPECT_EQ(model.outputs()[0].dtype(), DType::float32);
}

}  // namespace
}  // namespace keras
