// compile() with loss / metric lists and dicts, loss_weights, metric name
// resolution, metrics_names, evaluate() key order, and the Keras fixture
// compiled_model_loss_weights_metrics.
#include "keras/trainers/compile_utils.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using ::testing::ElementsAre;
using testing::expect_error;
using testing::fixture;
using trainers::LossDict;
using trainers::MetricDict;

const char* kCase = "losses_metrics/compiled_model_loss_weights_metrics/";

// x -> trunk -> regression (2) and classes (3, softmax), as in the fixture.
std::shared_ptr<Model> two_heads() {
  auto x = Input({6}, {.name = "x"});
  auto h =
      layers::Dense(8, {.activation = "relu", .base = {.name = "trunk"}})(x);
  auto reg = layers::Dense(2, {.base = {.name = "regression"}})(h);
  auto cls = layers::Dense(
      3, {.activation = "softmax", .base = {.name = "classes"}})(h);
  return std::make_shared<Model>(Tensors{x}, Tensors{reg, cls},
                                 ModelOptions{.name = "two_heads"});
}

struct CaseData {
  Tensor x, y_reg, y_cls;
};
CaseData case_data() {
  const std::string dir = fixture(kCase);
  return {load_npy(dir + "input_0.npy"), load_npy(dir + "input_1.npy"),
          load_npy(dir + "input_2.npy")};
}

Json case_evaluate() {
  return testing::read_json(fixture(kCase) + "evaluate.json");
}

// The fixture's model with only the metrics keras.cpp has for sure (mae,
// accuracy): the losses, per-output losses and those metrics match Keras.
TEST(CompileFixtureTest, LossListWeightsAndMetricsMatchKeras) {
  auto model =
      saving::load_model(fixture(kCase) + "model.keras", {.compile = false});
  model->compile(
      {.optimizer = "adam",
       .loss = {"mse", std::make_shared<losses::CategoricalCrossentropy>(
                           losses::CategoricalCrossentropyOptions{
                               .label_smoothing = 0.1})},
       .metrics = {{"mae"}, {"accuracy"}},
       .loss_weights = {1.0, 0.5}});
  const CaseData d = case_data();
  const auto scores =
      model->evaluate(d.x, {d.y_reg, d.y_cls}, {.batch_size = 4, .verbose = 0});
  const Json expected = case_evaluate()["return_dict"];
  for (const char* key : {"loss", "regression_loss", "classes_loss",
                          "regression_mae", "classes_accuracy"}) {
    EXPECT_NEAR(scores[key], expected[key].get<double>(),
                1e-6 + 1e-5 * std::abs(expected[key].get<double>()))
        << key;
  }
  // Dict keys sorted; list: loss, per-output losses, then the rest sorted.
  EXPECT_THAT(scores.dict().keys(),
              ElementsAre("classes_accuracy", "classes_loss", "loss",
                          "regression_loss", "regression_mae"));
  ASSERT_EQ(scores.size(), 5u);
  EXPECT_DOUBLE_EQ(scores[0], scores["loss"]);
  EXPECT_DOUBLE_EQ(scores[1], scores["regression_loss"]);
  EXPECT_DOUBLE_EQ(scores[2], scores["classes_loss"]);
  EXPECT_DOUBLE_EQ(scores[3], scores["classes_accuracy"]);
  EXPECT_DOUBLE_EQ(scores[4], scores["regression_mae"]);
  EXPECT_EQ(Json(model->metrics_names()), case_evaluate()["metrics_names"]);
}

// The full fixture: load_model compiles from the file's compile_config
// (RootMeanSquaredError and AUC come from keras/metrics).
TEST(CompileFixtureTest, LoadModelEvaluatesAsKeras) {
  std::shared_ptr<Model> model;
  try {
    model = saving::load_model(fixture(kCase) + "model.keras");
  } catch (const NotImplementedError& e) {
    GTEST_SKIP() << "compile_config needs a metric keras.cpp lacks: "
                 << e.what();
  }
  ASSERT_TRUE(model->compiled());
  const CaseData d = case_data();
  const auto scores =
      model->evaluate(d.x, {d.y_reg, d.y_cls}, {.batch_size = 4, .verbose = 0});
  const Json ev = case_evaluate();
  std::vector<std::string> keys;
  for (const auto& [key, value] : ev["return_dict"].items()) {
    keys.push_back(key);
    EXPECT_NEAR(scores[key], value.get<double>(),
                1e-6 + 1e-5 * std::abs(value.get<double>()))
        << key;
  }
  EXPECT_EQ(scores.dict().keys(), keys);
  ASSERT_EQ(scores.size(), ev["list"].size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    EXPECT_NEAR(scores[i], ev["list"][i].get<double>(), 1e-5) << i;
  }
  EXPECT_EQ(Json(model->metrics_names()), ev["metrics_names"]);
}

TEST(CompileFixtureTest, CompileConfigRoundTripsThroughLoad) {
  const Json expected =
      testing::read_json(fixture(kCase) + "compile_config.json");
  std::shared_ptr<Model> model;
  try {
    model = saving::load_model(fixture(kCase) + "model.keras");
  } catch (const NotImplementedError& e) {
    GTEST_SKIP() << e.what();
  }
  const Json config = model->get_compile_config();
  for (const char* key :
       {"loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly",
        "steps_per_execution", "jit_compile"}) {
    EXPECT_EQ(config[key], expected[key]) << key;
  }
}

// compile() writes Keras' compile_config for lists (same records as the
// fixture's), and a saved model restores it.
TEST(CompileTest, CompileConfigOfListsMatchesKeras) {
  auto model = two_heads();
  model->compile(
      {.optimizer = std::make_shared<optimizers::Adam>(
           optimizers::AdamOptions{.learning_rate = 0.01}),
       .loss = {"mse", std::make_shared<losses::CategoricalCrossentropy>(
                           losses::CategoricalCrossentropyOptions{
                               .label_smoothing = 0.1})},
       .metrics = {{"mae"}, {"accuracy"}},
       .loss_weights = {1.0, 0.5}});
  const Json expected =
      testing::read_json(fixture(kCase) + "compile_config.json");
  const Json config = model->get_compile_config();
  EXPECT_EQ(config["loss"], expected["loss"]);
  EXPECT_EQ(config["loss_weights"], expected["loss_weights"]);
  EXPECT_EQ(config["metrics"], Json::parse(R"([["mae"], ["accuracy"]])"));
  EXPECT_EQ(config["weighted_metrics"], nullptr);

  testing::TempDir dir;
  model->save(dir.file("m.keras"));
  auto back = saving::load_model(dir.file("m.keras"));
  EXPECT_EQ(back->get_compile_config(), config);
}

TEST(CompileTest, DictsByOutputNameRoundTrip) {
  auto model = two_heads();
  model->compile({.optimizer = "sgd",
                  .loss = LossDict{{"classes", "categorical_crossentropy"},
                                   {"regression", "mse"}},
                  .metrics = MetricDict{{"classes", {"acc"}}},
                  .loss_weights = trainers::Named<double>{{"regression", 2.0},
                                                          {"classes", 1.0}}});
  const Json config = model->get_compile_config();
  EXPECT_EQ(dump_json(config["loss"]),
            R"({"classes": "categorical_crossentropy", "regression": "mse"})");
  EXPECT_EQ(dump_json(config["metrics"]), R"({"classes": ["acc"]})");
  EXPECT_EQ(dump_json(config["loss_weights"]),
            R"({"regression": 2.0, "classes": 1.0})");
  const CaseData d = case_data();
  const auto scores = model->evaluate(
      d.x,
      trainers::Data::named({{"regression", d.y_reg}, {"classes", d.y_cls}}),
      {.verbose = 0});
  // Weighted sum of the per-output (unweighted) losses.
  EXPECT_NEAR(scores["loss"],
              2.0 * scores["regression_loss"] + scores["classes_loss"], 1e-5);
  EXPECT_TRUE(scores.dict().contains("classes_acc"));
  EXPECT_FALSE(scores.dict().contains("regression_acc"));

  testing::TempDir dir;
  model->save(dir.file("m.keras"));
  auto back = saving::load_model(dir.file("m.keras"));
  EXPECT_EQ(back->get_compile_config(), config);
  const auto again = back->evaluate(d.x, {d.y_reg, d.y_cls}, {.verbose = 0});
  EXPECT_NEAR(again["loss"], scores["loss"], 1e-6);
}

// A single loss applies to every output, each tracked as <output>_loss.
TEST(CompileTest, SingleLossAppliesToEveryOutput) {
  auto model = two_heads();
  model->compile({.optimizer = "sgd", .loss = "mse"});
  EXPECT_THAT(model->metrics_names(), ElementsAre("loss"));
  const CaseData d = case_data();
  const auto scores = model->evaluate(d.x, {d.y_reg, d.y_cls}, {.verbose = 0});
  EXPECT_THAT(model->metrics_names(),
              ElementsAre("loss", "regression_loss", "classes_loss"));
  EXPECT_NEAR(scores["loss"],
              scores["regression_loss"] + scores["classes_loss"], 1e-5);
}

// "accuracy"/"acc" become Binary/Sparse/CategoricalAccuracy by shapes, and
// keep the name they were given.
TEST(CompileTest, AccuracyNameResolvesByShapes) {
  struct Case {
    std::int64_t units;
    Shape y_shape;
    const char* name;
    const char* class_name;
  };
  for (const Case& c :
       {Case{1, {4, 1}, "acc", "BinaryAccuracy"},
        Case{3, {4}, "accuracy", "SparseCategoricalAccuracy"},
        Case{3, {4, 1}, "accuracy", "SparseCategoricalAccuracy"},
        Case{3, {4, 3}, "ACC", "CategoricalAccuracy"}}) {
    auto x = Input({2});
    Model model(x, layers::Dense(c.units)(x));
    model.compile({.optimizer = "sgd", .loss = "mse", .metrics = {c.name}});
    trainers::CompileMetrics metrics({c.name}, {}, {"dense"});
    metrics.build({Tensor::zeros(c.y_shape)}, {Tensor::zeros({4, c.units})});
    ASSERT_EQ(metrics.metrics().size(), 1u);
    EXPECT_EQ(metrics.metrics()[0]->class_name(), c.class_name) << c.name;
    EXPECT_EQ(metrics.metrics()[0]->name(), c.name);
  }
}

TEST(CompileTest, CrossentropyShortcutResolvesByShapes) {
  trainers::CompileLoss loss("ce", {}, {"out"});
  loss.build({Tensor::zeros({4})}, {Tensor::zeros({4, 3})});
  ASSERT_EQ(loss.losses().size(), 1u);
  EXPECT_EQ(loss.losses()[0]->get_config()["fn"]["config"],
            "sparse_categorical_crossentropy");
}

// Weighted metrics see sample weights; a name used twice gets "weighted_".
TEST(CompileTest, WeightedMetricsUseSampleWeight) {
  auto x = Input({1});
  layers::Dense dense(1, {.use_bias = false});
  Model model(x, dense(x));
  dense->kernel()->assign(Tensor::from_vector<float>({1}, {1, 1}));
  model.compile({.optimizer = "sgd",
                 .loss = "mae",
                 .metrics = {"mae"},
                 .weighted_metrics = {"mae"}});
  const Tensor xs = Tensor::from_vector<float>({1, 2}, {2, 1});
  const Tensor ys = Tensor::from_vector<float>({0, 0}, {2, 1});
  const Tensor sw = Tensor::from_vector<float>({3, 1}, {2});
  const auto scores =
      model.evaluate(xs, ys, {.verbose = 0, .sample_weight = sw});
  EXPECT_NEAR(scores["mae"], 1.5, 1e-6);  // (1 + 2) / 2
  EXPECT_NEAR(scores["weighted_mae"], (3.0 + 2.0) / 4, 1e-6);
  EXPECT_NEAR(scores["loss"], (3.0 + 2.0) / 2, 1e-6);  // sum over batch size
}

// ---- bad arguments ----

TEST(CompileErrorTest, LossDictWithUnknownOutputName) {
  auto model = two_heads();
  expect_error<ValueError>(
      [&] {
        model->compile(
            {.loss = LossDict{{"regresion", "mse"}, {"classes", "mse"}}});
      },
      "Expected keys ['regression', 'classes'] in loss dict, but found "
      "loss.keys()=['regresion', 'classes']");
}

TEST(CompileErrorTest, WrongNumberOfLosses) {
  auto model = two_heads();
  expect_error<ValueError>(
      [&] {
        model->compile({.loss = {"mse", "mse", "mae"}});
      },
      "it should have as many entries as the model has outputs");
  expect_error<ValueError>(
      [&] {
        model->compile({.loss = {"mse", "mse", "mae"}});
      },
      "of length 3 whereas the model has 2 outputs");
}

TEST(CompileErrorTest, WrongNumberOfLossWeights) {
  auto model = two_heads();
  expect_error<ValueError>(
      [&] {
        model->compile(
            {.loss = {"mse", "mse"}, .loss_weights = {1.0, 2.0, 3.0}});
      },
      "`loss_weights` must match the number of losses, got 2 losses and 3 "
      "weights.");
  expect_error<ValueError>(
      [&] {
        model->compile(
            {.loss = "mse",
             .loss_weights = trainers::Named<double>{{"nope", 1.0}}});
      },
      "key 'nope' does not correspond to any model output");
}

TEST(CompileErrorTest, MetricsDictWithUnknownOutputName) {
  auto model = two_heads();
  expect_error<ValueError>(
      [&] {
        model->compile(
            {.loss = "mse", .metrics = MetricDict{{"cls", {"acc"}}}});
      },
      "In the dict argument `metrics`, key 'cls' does not correspond to any "
      "model output.");
  expect_error<ValueError>(
      [&] {
        model->compile(
            {.loss = "mse", .weighted_metrics = MetricDict{{"cls", "acc"}}});
      },
      "In the dict argument `weighted_metrics`, key 'cls'");
}

TEST(CompileErrorTest, MetricsListOfWrongLength) {
  auto model = two_heads();
  model->compile({.loss = "mse", .metrics = {"mae", "mse", "acc"}});
  const CaseData d = case_data();
  expect_error<ValueError>(
      [&] {
        model->evaluate(d.x, {d.y_reg, d.y_cls}, {.verbose = 0});
      },
      "when providing the `metrics` argument as a list, it should have as "
      "many entries as the model has outputs");
}

TEST(CompileErrorTest, NestedMetricListOnSingleOutput) {
  auto x = Input({2});
  Model model(x, layers::Dense(1)(x));
  model.compile({.loss = "mse", .metrics = {{"mae", "mse"}}});
  expect_error<ValueError>(
      [&] {
        model.evaluate(Tensor::zeros({2, 2}), Tensor::zeros({2, 1}),
                       {.verbose = 0});
      },
      "Expected all entries in the `metrics` list to be metric objects");
}

TEST(CompileErrorTest, UnknownLossAndMetricNames) {
  auto x = Input({2});
  Model model(x, layers::Dense(1)(x));
  model.compile({.loss = "no_such_loss"});
  expect_error(
      [&] {
        model.evaluate(Tensor::zeros({2, 2}), Tensor::zeros({2, 1}),
                       {.verbose = 0});
      },
      "no_such_loss");
  model.compile({.loss = "mse", .metrics = {"no_such_metric"}});
  expect_error(
      [&] {
        model.evaluate(Tensor::zeros({2, 2}), Tensor::zeros({2, 1}),
                       {.verbose = 0});
      },
      "no_such_metric");
}

TEST(CompileErrorTest, NoLossToCompute) {
  auto x = Input({2});
  Model model(x, layers::Dense(1)(x));
  model.compile({.optimizer = "sgd"});
  expect_error<ValueError>(
      [&] {
        model.fit(Tensor::zeros({2, 2}), Tensor::zeros({2, 1}), {.verbose = 0});
      },
      "No loss to compute. Provide a `loss` argument in `compile()`.");
}

TEST(CompileErrorTest, BadCompileConfigRecords) {
  auto x = Input({2});
  Model model(x, layers::Dense(1)(x));
  expect_error<ValueError>(
      [&] {
        model.compile_from_config(
            Json::parse(R"({"loss": "mse", "metrics": 3})"));
      },
      "Expected `metrics` argument to be a list, tuple, or dict.");
  expect_error<ValueError>(
      [&] {
        model.compile_from_config(
            Json::parse(R"({"loss": "mse", "loss_weights": "x"})"));
      },
      "Expected `loss_weights` argument to be a float");
}

}  // namespace
}  // namespace keras
