// Every case of fixtures/guide/ (the Keras guide "Save, serialize, and
// export models", run by Python Keras 3.15.1), one test each: the files the
// guide wrote load here with the guide's custom objects (guide_objects.h,
// registered when loaded) and predict what Python predicted; configs,
// serialized objects, summaries, weight orders and HDF5 layouts equal
// Keras'. A new case without a check here fails, naming itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <sstream>

#include "examples/guide/guide_objects.h"
#include "keras/keras.h"
#include "keras/testing/fixture_cases.h"
#include "keras/testing/weights_tree.h"

namespace keras {
namespace {

using testing::fixture;
using testing::JsonMatches;
using testing::read_json;
using testing::read_json_text;
using testing::read_text;

Tensor npy(const std::string& dir, const std::string& file) {
  return load_npy(dir + file);
}

void expect_close(const Tensor& actual, const std::string& dir,
                  const std::string& file) {
  EXPECT_TRUE(testing::AllClose(actual, npy(dir, file), 1e-5, 1e-6)) << file;
}

std::string summary_of(const Model& model) {
  std::ostringstream out;
  model.summary(out);
  return out.str();
}

// The HDF5 layout of what model.save_weights writes equals Keras' file.
void expect_weights_layout(const Model& model, const std::string& tree_file) {
  testing::TempDir tmp;
  model.save_weights(tmp.file("w.weights.h5"));
  EXPECT_TRUE(testing::LinesMatch(
      testing::weights_tree(saving::H5File::open(tmp.file("w.weights.h5"))),
      testing::fixture_h5_tree(tree_file)))
      << tree_file;
}

// The torch backend records build_config input shapes of sublayers built
// while tracing with batch size 83 (fixtures README, note 27).
Json without_torch_batch(Json v) {
  if (v.is_object()) {
    if (v.contains("build_config") && v["build_config"].is_object() &&
        v["build_config"].contains("input_shape")) {
      Json& shape = v["build_config"]["input_shape"];
      if (shape.is_array() && !shape.empty() && shape[0] == 83) {
        shape[0] = nullptr;
      }
    }
    for (auto& [key, value] : v.items()) value = without_torch_batch(value);
  } else if (v.is_array()) {
    for (auto& e : v) e = without_torch_batch(e);
  }
  return v;
}

// A loaded .keras model: predictions, config, summary, weights layout.
void check_keras_file(const std::string& dir, const std::string& file,
                      const saving::LoadOptions& options = {}) {
  auto model = saving::load_model(dir + file, options);
  expect_close(model->predict(npy(dir, "input_0.npy")), dir, "expected_0.npy");
  EXPECT_TRUE(JsonMatches(without_torch_batch(model->serialize()),
                          without_torch_batch(testing::backend_neutral(
                              read_json(dir + "config.json")))));
  EXPECT_TRUE(
      testing::TextMatches(summary_of(*model), read_text(dir + "summary.txt")));
}

// model_from_json(model.json) + load_weights(weights), then predict.
std::shared_ptr<Model> check_json_and_weights(const std::string& dir,
                                              const std::string& json,
                                              const std::string& weights) {
  auto model = models::model_from_json(read_text(dir + json));
  model->load_weights(dir + weights);
  expect_close(model->predict(npy(dir, "input_0.npy")), dir, "expected_0.npy");
  EXPECT_TRUE(
      JsonMatches(read_json_text(model->to_json()), read_json(dir + json)));
  return model;
}

// The guide's to_json examples: the JSON model with its weights predicts,
// and get_config() and summary() equal Keras'.
void check_to_json_case(const std::string& dir) {
  auto model = check_json_and_weights(dir, "model.json", "model.weights.h5");
  EXPECT_TRUE(
      JsonMatches(model->get_config(), read_json(dir + "get_config.json")));
  EXPECT_TRUE(
      testing::TextMatches(summary_of(*model), read_text(dir + "summary.txt")));
}

// The guide's weights examples: the JSON model loads `weights`, predicts,
// prints Keras' summary and saves Keras' HDF5 layout.
void check_weights_case(const std::string& dir, const std::string& weights) {
  auto model = check_json_and_weights(dir, "model.json", weights);
  EXPECT_TRUE(
      testing::TextMatches(summary_of(*model), read_text(dir + "summary.txt")));
  expect_weights_layout(*model, dir + "weights_tree.txt");
}

using CaseCheck = std::function<void(const std::string& dir)>;

const std::map<std::string, CaseCheck>& case_checks() {
  static const std::map<std::string, CaseCheck> checks = {
      {"a_get_model_fit_save",
       [](const std::string& dir) {
         check_keras_file(dir, "my_model.keras");
         auto model = saving::load_model(dir + "my_model.keras");
         EXPECT_TRUE(model->compiled());
         EXPECT_EQ(model->optimizer()->iterations(), 4);
       }},
      {"b_custom_layer_and_fn",
       [](const std::string& dir) {
         check_keras_file(dir, "custom_model.keras");
         // The guide's other two ways: custom_objects, and a scope.
         check_keras_file(dir, "custom_model.keras",
                          {.custom_objects = &guide::guide_custom_objects()});
         saving::CustomObjectScope scope(guide::guide_custom_objects());
         check_keras_file(dir, "custom_model.keras");
       }},
      {"b2_custom_layer_default_package",
       [](const std::string& dir) {
         check_keras_file(dir, "custom_model.keras");
       }},
      {"c_dense_layer_get_config",
       [](const std::string& dir) {
         const Json config = read_json(dir + "layer_config.json");
         auto layer = layers::DenseLayer::from_config(config);
         EXPECT_TRUE(JsonMatches(layer->get_config(), config));
         EXPECT_TRUE(JsonMatches(layer->serialize(),
                                 read_json(dir + "serialized.json")));
       }},
      {"c_functional_to_json", check_to_json_case},
      {"c_sequential_to_json", check_to_json_case},
      {"c_l1_regularizer_serialize",
       [](const std::string& dir) {
         const Json record =
             saving::serialize_keras_object(regularizers::L1(0.005));
         EXPECT_TRUE(JsonMatches(record, read_json(dir + "serialized.json")));
         auto back =
             saving::deserialize_keras_object<regularizers::Regularizer>(
                 record);
         EXPECT_EQ(saving::serialize_keras_object(*back), record);
       }},
      {"d_functional_3_layer_mlp_weights",
       [](const std::string& dir) {
         check_weights_case(dir, "functional.weights.h5");
       }},
      {"d_functional_with_dropout_weights",
       [](const std::string& dir) {
         check_weights_case(dir, "functional_dropout.weights.h5");
       }},
      {"d_subclassed_3_layer_mlp_weights",
       [](const std::string& dir) {
         auto model =
             std::make_shared<guide::SubclassedModel>(10, "subclassed_model");
         (*model)(Tensor::ones({1, 784}));  // builds, as in the guide
         model->load_weights(dir + "subclassed.weights.h5");
         expect_close(model->predict(npy(dir, "input_0.npy")), dir,
                      "expected_0.npy");
         EXPECT_TRUE(testing::TextMatches(summary_of(*model),
                                          read_text(dir + "summary.txt")));
         expect_weights_layout(*model, dir + "weights_tree.txt");
       }},
      {"e_sequential_save_weights",
       [](const std::string& dir) {
         check_weights_case(dir, "my_model.weights.h5");
       }},
      {"f_nested_dense_trainable_order",
       [](const std::string& dir) {
         auto nested = std::make_shared<guide::NestedDenseLayer>(10, "nested");
         Sequential model({Input({784}), nested}, {.name = "sequential"});
         model.load_weights(dir + "before.weights.h5");
         const Json order = read_json(dir + "weights_order.json");
         auto check_state = [&](const std::string& state,
                                const std::string& prefix) {
           const Json& expected = order[state];
           std::vector<std::string> paths, trainable, frozen;
           for (const auto& v : model.weights()) paths.push_back(v->path());
           for (const auto& v : model.trainable_weights()) {
             trainable.push_back(v->path());
           }
           for (const auto& v : model.non_trainable_weights()) {
             frozen.push_back(v->path());
           }
           // Keras' paths carry the name scopes ("sequential/nested/...").
           EXPECT_EQ(Json(paths), expected["variable_paths"]) << state;
           EXPECT_EQ(Json(trainable), expected["trainable_weights"]) << state;
           EXPECT_EQ(Json(frozen), expected["non_trainable_weights"]) << state;
           const auto weights = model.get_weights();
           ASSERT_EQ(weights.size(), 4u);
           for (std::size_t i = 0; i < weights.size(); ++i) {
             expect_close(weights[i], dir, prefix + std::to_string(i) + ".npy");
           }
         };
         check_state("before_dense_1_trainable_false", "get_weights_before_");
         expect_weights_layout(model, dir + "weights_tree_before.txt");
         nested->dense_1->set_trainable(false);
         check_state("after_dense_1_trainable_false", "get_weights_after_");
         expect_weights_layout(model, dir + "weights_tree_after.txt");
         model.load_weights(dir + "after.weights.h5");
         expect_close(model.predict(npy(dir, "input_0.npy")), dir,
                      "expected_0.npy");
         EXPECT_TRUE(testing::TextMatches(summary_of(model),
                                          read_text(dir + "summary.txt")));
       }},
      {"g_transfer_learning_extract_layers",
       [](const std::string& dir) {
         auto pretrained =
             models::model_from_json(read_text(dir + "pretrained_model.json"));
         pretrained->load_weights(dir + "pretrained.weights.h5");
         expect_close(pretrained->predict(npy(dir, "input_0.npy")), dir,
                      "expected_1.npy");
         EXPECT_TRUE(
             testing::TextMatches(summary_of(*pretrained),
                                  read_text(dir + "summary_pretrained.txt")));
         // Sequential(pretrained.layers[:-1] + [Dense(5, name="dense_3")]).
         std::vector<SequentialItem> extracted;
         const auto pretrained_layers = pretrained->layers();
         for (std::size_t i = 0; i + 1 < pretrained_layers.size(); ++i) {
           extracted.emplace_back(pretrained_layers[i]);
         }
         extracted.emplace_back(
             layers::Dense(5, {.base = {.name = "dense_3"}}).shared());
         Sequential model(extracted, {.name = "sequential"});
         model.load_weights(dir + "transfer.weights.h5");
         expect_close(model.predict(npy(dir, "input_0.npy")), dir,
                      "expected_0.npy");
         EXPECT_TRUE(testing::TextMatches(summary_of(model),
                                          read_text(dir + "summary.txt")));
         expect_weights_layout(model, dir + "weights_tree.txt");
         EXPECT_TRUE(JsonMatches(read_json_text(model.to_json()),
                                 read_json(dir + "model.json")));
         // The layers are shared: the pretrained model sees the same
         // (loaded) kernel objects.
         EXPECT_EQ(model.layers()[0].get(), pretrained_layers[1].get());
         auto loaded = saving::load_model(dir + "transfer.keras");
         expect_close(loaded->predict(npy(dir, "input_0.npy")), dir,
                      "expected_0.npy");
       }},
      {"h_custom_model_functional_config",
       [](const std::string& dir) {
         check_keras_file(dir, "model.keras");
         auto model = saving::load_model(dir + "model.keras");
         EXPECT_TRUE(JsonMatches(
             without_torch_batch(model->get_config()),
             without_torch_batch(read_json(dir + "get_config.json"))));
         // Model.from_config(config) rebuilds it (guide).
         auto rebuilt = functional_from_config(model->get_config(), nullptr);
         EXPECT_EQ(rebuilt->count_params(), model->count_params());
       }},
      {"h_mydense_l1l2_registered_name",
       [](const std::string& dir) {
         const Json expected = read_json(dir + "serialized.json");
         guide::MyDense layer(
             16,
             {.kernel_regularizer = saving::serialize_keras_object(
                  regularizers::L1L2(1e-5, 1e-4)),
              .kernel_initializer = "ones",
              .base = {.name = expected["config"]["name"].get<std::string>()}});
         EXPECT_TRUE(JsonMatches(layer.serialize(), expected));
         EXPECT_EQ(saving::get_registered_name(layer), "MyLayers>KernelMult");
       }},
      {"h_mydense_nested_serialize",
       [](const std::string& dir) {
         const Json config = read_json(dir + "serialized.json");
         LayerPtr layer = deserialize_layer(config);
         EXPECT_EQ(layer->class_name(), "MyDense");
         EXPECT_TRUE(JsonMatches(layer->serialize(), config));
       }},
  };
  return checks;
}

class GuideFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(GuideFixture, MatchesKeras) {
  const auto& checks = case_checks();
  auto it = checks.find(GetParam());
  ASSERT_NE(it, checks.end())
      << "no check for guide case " << GetParam() << ": add one here";
  it->second(fixture("guide/" + GetParam() + "/"));
}

INSTANTIATE_TEST_SUITE_P(Keras, GuideFixture,
                         ::testing::ValuesIn(testing::fixture_cases("guide")),
                         testing::CaseNamePrinter());

// Errors the guide's objects give, each a keras::Error saying what to do.
TEST(GuideObjectsTest, UnknownRegisteredFunctionNamesIt) {
  Json config = read_json(fixture("guide/b_custom_layer_and_fn/config.json"));
  config["config"]["layers"][2]["config"]["activation"]["config"] =
      "my_package>no_such_fn";
  try {
    models::model_from_json(config.dump());
    FAIL() << "loaded";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("my_package>no_such_fn"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("register"));
  }
}

TEST(GuideObjectsTest, CustomLayerWithoutFromConfigSupportIsExplained) {
  // NestedDenseLayer is not registered: its record cannot be rebuilt.
  auto nested = std::make_shared<guide::NestedDenseLayer>(2, "n");
  Sequential model({Input({3}), nested});
  try {
    models::model_from_json(model.to_json());
    FAIL() << "loaded";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("NestedDenseLayer"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("register_keras_serializable"));
  }
}

TEST(GuideObjectsTest, MismatchedWeightShapesNameTheVariable) {
  auto model = models::model_from_json(read_text(
      fixture("guide/g_transfer_learning_extract_layers/model.json")));
  try {
    // The 10-class pretrained file into the 5-class head.
    model->load_weights(fixture(
        "guide/g_transfer_learning_extract_layers/pretrained.weights.h5"));
    FAIL() << "loaded";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("shape"));
  }
}

TEST(GuideObjectsTest, WeightsFilesNeedTheirSuffix) {
  auto model = std::make_shared<guide::SubclassedModel>(10);
  model->build({{-1, 784}});
  testing::TempDir tmp;
  try {
    model->save_weights(tmp.file("w.h5"));
    FAIL() << "saved";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr(".weights.h5"));
  }
  EXPECT_FALSE(std::filesystem::exists(tmp.file("w.h5")));
  try {
    model->load_weights(tmp.file("w.txt"));
    FAIL() << "loaded";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr(".weights.h5"));
  }
}

TEST(GuideObjectsTest, StatelessLayersDoNotShiftWeights) {
  // The Functional MLP with and without Dropout share one weights list.
  const std::string a = fixture("guide/d_functional_3_layer_mlp_weights/");
  const std::string b = fixture("guide/d_functional_with_dropout_weights/");
  auto plain = models::model_from_json(read_text(a + "model.json"));
  auto dropout = models::model_from_json(read_text(b + "model.json"));
  plain->load_weights(a + "functional.weights.h5");
  dropout->set_weights(plain->get_weights());
  expect_close(dropout->predict(npy(b, "input_0.npy")), b, "expected_0.npy");
}

}  // namespace
}  // namespace keras
