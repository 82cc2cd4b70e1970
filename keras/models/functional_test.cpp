#include "keras/models/functional.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/zip_archive.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using testing::AllClose;
using ::testing::ElementsAre;
using testing::fixture;
using ::testing::HasSubstr;

TEST(FunctionalTest, ToJsonIsKerasStringExactly) {
  utils::clear_session();
  auto inputs = Input({32});
  Model model(inputs, layers::Dense(1)(inputs));
  const std::string dir = fixture("guide/c_functional_to_json/");
  EXPECT_EQ(model.to_json(), testing::read_text(dir + "model.json"));
  auto back = models::model_from_json(testing::read_text(dir + "model.json"));
  back->load_weights(dir + "model.weights.h5");
  EXPECT_TRUE(AllClose(back->predict(load_npy(dir + "input_0.npy")),
                       load_npy(dir + "expected_0.npy"), 1e-5, 1e-6));
}

TEST(FunctionalTest, MultipleInputsAndOutputsWithASharedLayer) {
  testing::TempDir dir;
  auto a = Input({8}, {.name = "a"});
  auto b = Input({8}, {.name = "b"});
  layers::Dense shared(4, {.base = {.name = "shared"}});
  auto ha = shared(a);
  auto hb = shared(b);
  auto out1 =
      layers::Dense(1, {.activation = "sigmoid", .base = {.name = "out1"}})(ha);
  auto out2 = layers::Dense(3, {.base = {.name = "out2"}})(hb);
  Model model({a, b}, {out1, out2});
  EXPECT_EQ(model.layers().size(), 5u);
  EXPECT_EQ(shared->inbound_nodes().size(), 2u);
  const Json config = model.get_config();
  EXPECT_EQ(config["input_layers"], Json::parse(R"([["a",0,0],["b",0,0]])"));
  EXPECT_EQ(config["output_layers"],
            Json::parse(R"([["out1",0,0],["out2",0,0]])"));

  Tensor xa = random::normal({5, 8}), xb = random::normal({5, 8});
  Tensors y = model.predict(Tensors{xa, xb});
  ASSERT_EQ(y.size(), 2u);
  EXPECT_EQ(y[1].shape(), (Shape{5, 3}));

  model.save(dir.file("m.keras"));
  auto back = saving::load_model(dir.file("m.keras"));
  Tensors y2 = back->predict(Tensors{xa, xb});
  EXPECT_TRUE(AllClose(y2[0], y[0], 0, 0));
  EXPECT_TRUE(AllClose(y2[1], y[1], 0, 0));
  EXPECT_EQ(back->get_config(), config);
}

// A layer called downstream of its own output (`dense(proj(dense(x)))`)
// must not own that output through its call record: the graph is freed with
// the last handle to it (Python relies on its garbage collector here).
TEST(FunctionalTest, LayerReusedOnItsOwnOutputIsFreedWithTheModel) {
  std::weak_ptr<layers::DenseLayer> dense_alive;
  std::weak_ptr<Storage> kernel_alive;
  {
    auto x = Input({4});
    layers::Dense dense(4);
    layers::Dense proj(4);
    auto y = dense(proj(dense(x)));
    Model model(x, y);
    dense_alive = dense.shared();
    kernel_alive = dense->kernel()->value().shared()->storage;
    EXPECT_EQ(dense->inbound_nodes().size(), 2u);
    EXPECT_EQ(model.predict(random::normal({2, 4})).shape(), (Shape{2, 4}));
  }
  EXPECT_TRUE(dense_alive.expired());
  EXPECT_TRUE(kernel_alive.expired());
}

// A call whose outputs were all dropped keeps its record (shapes for
// summary) but not its inputs; asking for its outputs again says why.
TEST(FunctionalTest, DroppedCallOutputsCannotBeRecreated) {
  layers::Dense dense(2, {.base = {.name = "d"}});
  {
    auto x = Input({3});
    dense(x);
  }
  ASSERT_EQ(dense->inbound_nodes().size(), 1u);
  EXPECT_EQ(dense->output_shapes()->at(0), (Shape{-1, 2}));
  testing::expect_error<ValueError>([&] { dense->node_output(0, 0); },
                                    "inputs no longer exist");
}

TEST(FunctionalTest, DictOutputs) {
  auto x = Input({3}, {.name = "x"});
  Model model({x}, {{"score", layers::Dense(1, {.base = {.name = "s"}})(x)},
                    {"label", layers::Dense(2, {.base = {.name = "l"}})(x)}});
  EXPECT_EQ(model.get_config()["output_layers"],
            Json::parse(R"({"score":["s",0,0],"label":["l",0,0]})"));
  EXPECT_THAT(model.output_names(), ElementsAre("score", "label"));
}

TEST(FunctionalTest, ModelUsedAsALayer) {
  testing::TempDir dir;
  auto xi = Input({6});
  auto inner =
      std::make_shared<Model>(xi, layers::Dense(4, {.activation = "relu"})(xi),
                              ModelOptions{.name = "inner"});
  auto x = Input({6});
  auto h1 = (*inner)(x);
  auto h2 = (*inner)(x);  // called twice: node_index 0 and 1
  auto out = layers::Dense(1)(layers::Dense(2)(h1));
  Model model({x}, {out, h2}, ModelOptions{.name = "outer"});
  // Keras' +1 offset for nested Functional models in output_layers.
  EXPECT_EQ(model.get_config()["output_layers"][1][1], 2);
  Tensor data = random::normal({3, 6});
  Tensors y = model.predict(Tensors{data});
  model.save(dir.file("nested.keras"));
  auto back = saving::load_model(dir.file("nested.keras"));
  Tensors y2 = back->predict(Tensors{data});
  EXPECT_TRUE(AllClose(y2[0], y[0], 0, 0));
  EXPECT_TRUE(AllClose(y2[1], y[1], 0, 0));
  // Weights of the nested model sit under its own layers/ group.
  saving::ZipReader zip(dir.file("nested.keras"));
  auto h5 = saving::H5File::open_image(zip.read("model.weights.h5"));
  EXPECT_TRUE(h5.has("layers/functional/layers/dense/vars/0"));
}

TEST(FunctionalTest, LayerOrderFollowsKerasMapGraph) {
  // Residual: depth order puts the input first and the Add's inputs before it.
  utils::clear_session();
  auto x = Input({4}, {.name = "x"});
  auto a = layers::Dense(4, {.base = {.name = "a"}})(x);
  auto b = layers::Dense(4, {.base = {.name = "b"}})(a);
  auto c = layers::Dense(4, {.base = {.name = "c"}})(x);
  Model model({x}, {b, c});
  std::vector<std::string> names;
  for (const auto& layer : model.layers()) names.push_back(layer->name());
  EXPECT_THAT(names, ElementsAre("x", "a", "b", "c"));
}

TEST(FunctionalTest, InputsMustComeFromInput) {
  auto x = Input({4});
  auto h = layers::Dense(2)(x);
  try {
    Model model(h, layers::Dense(1)(h));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("keras::Input()"));
  }
}

TEST(FunctionalTest, WrongInputShapeIsReported) {
  auto x = Input({4});
  Model model(x, layers::Dense(2)(x));
  try {
    model.predict(Tensor::zeros({2, 5}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("(None, 4)"));
  }
}

}  // namespace
}  // namespace keras

namespace keras {
namespace {

// fuzz_model_from_json: a node whose only tensor is a keyword argument (its
// positional argument is not a tensor record) is refused as a call without
// inputs, not left to the layer (an RNN indexed its missing input).
TEST(FunctionalTest, NodeWithOnlyKeywordTensorsIsRefused) {
  const std::string text = R"({"class_name": "Functional", "config": {
    "name": "f", "layers": [
      {"class_name": "InputLayer", "name": "x", "inbound_nodes": [],
       "config": {"batch_shape": [null, 5, 4], "name": "x"}},
      {"class_name": "GRU", "name": "gru",
       "config": {"name": "gru", "units": 3},
       "inbound_nodes": [{"args": [{"class_wame": "__keras_tensor__"}],
         "kwargs": {"mask": {"class_name": "__keras_tensor__", "config": {
           "shape": [null, 5, 4], "dtype": "float32",
           "keras_history": ["x", 0, 0]}}}}]}],
    "input_layers": [["x", 0, 0]], "output_layers": [["gru", 0, 0]]}})";
  testing::expect_error<ValueError>(
      [&] { models::model_from_json(text); },
      "Layer 'gru' was called without inputs.");
}

}  // namespace
}  // namespace keras
