#include "keras/metrics/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "keras/losses/internal/test_fixtures.h"
#include "keras/losses/losses.h"
#include "keras/ops/autograd.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"
#include "keras/testing/expect_error.h"

namespace keras::metrics {
namespace {

using testing_fixtures::fixtures_dir;
using testing_fixtures::read_json;

TEST(MetricsTest, SerializationFixtures) {
  const std::string dir = fixtures_dir() + "/serialization/serialize_metrics/";
  for (const char* key : {"accuracy", "binary_accuracy", "categorical_accuracy",
                          "sparse_categorical_accuracy", "mean_squared_error",
                          "mean_absolute_error", "mean", "sum", "mae_function",
                          "mean_metric_wrapper"}) {
    SCOPED_TRACE(key);
    const Json record = read_json(dir + key + ".json");
    EXPECT_EQ(serialize(*deserialize(record)), record);
  }
  EXPECT_EQ(serialize(Accuracy()), read_json(dir + "accuracy.json"));
  EXPECT_EQ(serialize(BinaryAccuracy({.threshold = 0.7})),
            read_json(dir + "binary_accuracy.json"));
  EXPECT_EQ(serialize(CategoricalAccuracy()),
            read_json(dir + "categorical_accuracy.json"));
  EXPECT_EQ(serialize(SparseCategoricalAccuracy()),
            read_json(dir + "sparse_categorical_accuracy.json"));
  EXPECT_EQ(serialize(MeanSquaredError()),
            read_json(dir + "mean_squared_error.json"));
  EXPECT_EQ(serialize(MeanAbsoluteError()),
            read_json(dir + "mean_absolute_error.json"));
  EXPECT_EQ(serialize(Mean("avg")), read_json(dir + "mean.json"));
  EXPECT_EQ(serialize(Sum()), read_json(dir + "sum.json"));
  EXPECT_EQ(
      serialize(MeanMetricWrapper("mean_squared_error",
                                  losses::mean_squared_error, "wrapped_mse")),
      read_json(dir + "mean_metric_wrapper.json"));
}

TEST(MetricsTest, GetResolvesKerasNames) {
  EXPECT_EQ(get("mae")->class_name(), "MeanAbsoluteError");
  EXPECT_EQ(get("mae")->name(), "mean_absolute_error");
  EXPECT_EQ(get("MSE")->class_name(), "MeanSquaredError");
  EXPECT_EQ(get("accuracy")->class_name(), "Accuracy");
  EXPECT_EQ(get("binary_accuracy")->class_name(), "BinaryAccuracy");
  EXPECT_EQ(get("SparseCategoricalAccuracy")->class_name(),
            "SparseCategoricalAccuracy");
  EXPECT_EQ(get("mean")->class_name(), "Mean");
  EXPECT_THROW(get("acc"), ValueError);
  EXPECT_EQ(get("auc")->class_name(), "AUC");
  EXPECT_EQ(get("pearson_correlation")->class_name(), "PearsonCorrelation");
  try {
    get("bogus");
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_EQ(std::string(e.what()),
              "Could not interpret metric identifier: bogus");
  }
}

TEST(MetricsTest, CompileMetricPicksAccuracyFromShapes) {
  auto binary = get_compile_metric("accuracy", {4, 1}, {4, 1});
  EXPECT_EQ(binary->class_name(), "BinaryAccuracy");
  EXPECT_EQ(binary->name(), "accuracy");
  EXPECT_EQ(get_compile_metric("acc", {4}, {4, 3})->class_name(),
            "SparseCategoricalAccuracy");
  EXPECT_EQ(get_compile_metric("acc", {4, 1}, {4, 3})->class_name(),
            "SparseCategoricalAccuracy");
  EXPECT_EQ(get_compile_metric("Accuracy", {4, 3}, {4, 3})->class_name(),
            "CategoricalAccuracy");
  auto mae = get_compile_metric("mae", {4, 3}, {4, 3});
  EXPECT_EQ(mae->class_name(), "MeanAbsoluteError");
  EXPECT_EQ(mae->name(), "mae");

  // Deferred: resolved by the first batch.
  auto acc = get_compile_metric("acc");
  EXPECT_EQ(acc->name(), "acc");
  const Tensor labels = Tensor::from_vector<std::int32_t>({0, 2}, {2});
  const Tensor probs =
      Tensor::from_vector<float>({0.7f, 0.2f, 0.1f, 0.6f, 0.1f, 0.3f}, {2, 3});
  acc->update_state(labels, probs);
  EXPECT_EQ(acc->class_name(), "SparseCategoricalAccuracy");
  EXPECT_DOUBLE_EQ(acc->result().item(), 0.5);
  acc->reset_state();
  EXPECT_DOUBLE_EQ(acc->result().item(), 0.0);
}

TEST(MetricsTest, MeanAsLossTracker) {
  Mean tracker("loss");
  EXPECT_EQ(tracker.variables()[0]->path(), "loss/total");
  EXPECT_EQ(tracker.variables()[1]->path(), "loss/count");
  // fit() feeds the batch loss weighted by the batch size.
  Tensor loss = Tensor::scalar(2.0);
  loss.set_requires_grad(true);
  tracker.update_state(loss, Tensor::scalar(4));
  tracker.update_state(Tensor::scalar(0.5), Tensor::scalar(2));
  EXPECT_NEAR(tracker.result().item(), (2.0 * 4 + 0.5 * 2) / 6, 1e-7);
  EXPECT_FALSE(tracker.result().requires_grad());
  tracker.reset_state();
  EXPECT_EQ(tracker.result().item(), 0.0);
  // Unweighted values: each element is one sample.
  tracker.update_state(Tensor::from_vector<float>({1, 2, 3}, {3}));
  EXPECT_NEAR(tracker.result().item(), 2.0, 1e-7);
  EXPECT_THROW(tracker.update_state(Tensor::scalar(1), Tensor::scalar(1),
                                    Tensor::scalar(1)),
               TypeError);
}

TEST(MetricsTest, SumAndWeightedMeanOfMatrices) {
  Sum sum;
  sum.update_state(Tensor::from_vector<float>({1, 2, 3, 4}, {2, 2}),
                   Tensor::from_vector<float>({1, 0}, {2}));
  EXPECT_NEAR(sum.result().item(), 3.0, 1e-7);
  Mean mean;
  // (2, 2) values with (2,) weights: per-sample means (1.5, 3.5).
  mean.update_state(Tensor::from_vector<float>({1, 2, 3, 4}, {2, 2}),
                    Tensor::from_vector<float>({1, 3}, {2}));
  EXPECT_NEAR(mean.result().item(), (1.5 + 3 * 3.5) / 4, 1e-6);
}

TEST(MetricsTest, AccuracyFunctions) {
  const Tensor t = Tensor::from_vector<float>({1, 0, 1, 0}, {4, 1});
  const Tensor p = Tensor::from_vector<float>({0.6f, 0.4f, 0.5f, 0.7f}, {4, 1});
  BinaryAccuracy acc;
  acc.update_state(t, p);
  EXPECT_DOUBLE_EQ(acc.result().item(), 0.5);  // 0.5 is not > 0.5
  BinaryAccuracy acc2({.threshold = 0.45});
  acc2.update_state(t, p);
  EXPECT_DOUBLE_EQ(acc2.result().item(), 0.75);  // 0.5 > 0.45 now
  CategoricalAccuracy cat;
  cat.update_state(
      Tensor::from_vector<float>({0, 1, 1, 0}, {2, 2}),
      Tensor::from_vector<float>({0.2f, 0.8f, 0.1f, 0.9f}, {2, 2}));
  EXPECT_DOUBLE_EQ(cat.result().item(), 0.5);
}

}  // namespace
}  // namespace keras::metrics

namespace keras::metrics {
namespace {

using testing::expect_error;

TEST(MetricsTest, BadArgumentsSayWhatIsWrong) {
  expect_error<ValueError>(
      [] { Precision({.thresholds = 1.5}); },
      "Threshold values must be in [0, 1]. Received: [1.5]");
  expect_error<ValueError>(
      [] {
        Recall({.thresholds = Json::array({0.2, -0.1})});
      },
      "Received: [-0.1]");
  expect_error<ValueError>([] { AUC({.num_thresholds = 1}); },
                           "`num_thresholds` must be an integer > 1");
  expect_error<ValueError>([] { AUC({.curve = "XY"}); },
                           "Invalid AUC curve value: \"XY\"");
  expect_error<ValueError>([] { AUC({.summation_method = "mid"}); },
                           "Invalid AUC summation method value");
  expect_error<ValueError>([] { AUC({.num_labels = 3}); },
                           "`num_labels` is needed only when `multi_label`");
  expect_error<ValueError>([] { F1Score({.average = "mean"}); },
                           "Invalid `average` argument value");
  expect_error<ValueError>([] { F1Score({.threshold = 0.0}); },
                           "It should verify 0 < threshold <= 1");
  expect_error<ValueError>([] { FBetaScore({.beta = -1.0}); },
                           "It should be > 0");
  expect_error<ValueError>([] { R2Score({.class_aggregation = "median"}); },
                           "Invalid value for argument `class_aggregation`");
  expect_error<ValueError>([] { R2Score({.num_regressors = -1}); },
                           "Expected a value >= 0");
  expect_error<ValueError>(
      [] {
        IoU({.num_classes = 2, .target_class_ids = {0, 2}});
      },
      "Target class id 2 is out of range, which is [0, 2).");
  expect_error<TypeError>(
      [] {
        deserialize(Json::parse(R"({"class_name": "MeanIoU", "config": {}})"));
      },
      "missing 1 required positional argument: 'num_classes'");
  expect_error<TypeError>(
      [] {
        deserialize(Json::parse(
            R"({"class_name": "Precision", "config": {"top": 2}})"));
      },
      "Precision.__init__() got an unexpected keyword argument 'top'");
  // Shape errors.
  const Tensor a = Tensor::zeros({4, 3});
  const Tensor b = Tensor::zeros({4, 2});
  expect_error<ValueError>([&] { Precision().update_state(a, b); },
                           "must have the same shape");
  expect_error<ValueError>([&] { F1Score().update_state(a, b); },
                           "must have the same shape");
  expect_error<ValueError>([&] { R2Score().update_state(a, b); },
                           "must have the same shape");
  expect_error<ValueError>(
      [&] {
        Precision({.class_id = 1})
            .update_state(Tensor::zeros({4}), Tensor::zeros({4}));
      },
      "When class_id is provided, y_pred must be a 2D array");
}

TEST(MetricsTest, ConfusionMetricsByHand) {
  const Tensor t = Tensor::from_vector<float>({1, 0, 1, 0}, {4});
  const Tensor p = Tensor::from_vector<float>({0.9f, 0.8f, 0.3f, 0.1f}, {4});
  TruePositives tp;
  tp.update_state(t, p);
  EXPECT_EQ(tp.result().item(), 1.0);
  FalseNegatives fn({.thresholds = Json::array({0.2, 0.95})});
  fn.update_state(t, p);
  EXPECT_EQ(fn.result().to_double_vector(), (std::vector<double>{0, 2}));
  // One separable and one swapped pair: ROC AUC 0.75.
  AUC auc;
  auc.update_state(t, p);
  EXPECT_NEAR(auc.result().item(), 0.75, 1e-3);
  // Perfectly separated: every curve gives 1.
  const Tensor good = Tensor::from_vector<float>({0.9f, 0.2f, 0.8f, 0.1f}, {4});
  for (const char* method : {"interpolation", "minoring", "majoring"}) {
    AUC roc({.summation_method = method});
    roc.update_state(t, good);
    EXPECT_NEAR(roc.result().item(), 1.0, 1e-6) << method;
  }
  // multi_label: one curve per column, averaged; built on first update.
  AUC multi({.multi_label = true});
  EXPECT_TRUE(multi.variables().empty());
  const Tensor t2 =
      Tensor::from_vector<float>({1, 0, 0, 1, 1, 0, 0, 1}, {4, 2});
  const Tensor p2 = Tensor::from_vector<float>(
      {0.9f, 0.1f, 0.2f, 0.7f, 0.6f, 0.4f, 0.3f, 0.8f}, {4, 2});
  multi.update_state(t2, p2);
  EXPECT_EQ(multi.variables()[0]->shape(), (Shape{200, 2}));
  EXPECT_NEAR(multi.result().item(), 1.0, 1e-6);
  // class_id looks at one column.
  Precision column({.class_id = 1});
  column.update_state(t2, p2);
  EXPECT_NEAR(column.result().item(), 1.0, 1e-6);
  // Explicit AUC thresholds are written back sorted.
  AUC explicit_thresholds({.thresholds = std::vector<double>{0.7, 0.2}});
  EXPECT_EQ(explicit_thresholds.get_config()["thresholds"],
            Json::array({0.2, 0.7}));
  EXPECT_EQ(explicit_thresholds.get_config()["num_thresholds"], 4);
}

TEST(MetricsTest, RegistryKnowsEveryImplementedKerasName) {
  for (const char* id : {"auc",
                         "AUC",
                         "precision",
                         "recall",
                         "true_positives",
                         "FalseNegatives",
                         "r2_score",
                         "f1_score",
                         "FBetaScore",
                         "root_mean_squared_error",
                         "mape",
                         "MSLE",
                         "LogCoshError",
                         "cosine_similarity",
                         "hinge",
                         "squared_hinge",
                         "categorical_hinge",
                         "kl_divergence",
                         "poisson",
                         "bce",
                         "categorical_crossentropy",
                         "sparse_categorical_crossentropy",
                         "top_k_categorical_accuracy",
                         "SparseTopKCategoricalAccuracy"}) {
    EXPECT_NO_THROW(get(id)) << id;
  }
  EXPECT_EQ(get("bce")->class_name(), "BinaryCrossentropy");
  EXPECT_EQ(get("log_cosh_error")->name(), "logcosh");
  // Every class round-trips through its config.
  for (const auto& m : std::vector<std::shared_ptr<Metric>>{
           std::make_shared<AUC>(AUCOptions{.curve = "PRGAIN"}),
           std::make_shared<FBetaScore>(FBetaScoreOptions{.beta = 2.0}),
           std::make_shared<BinaryIoU>(),
           std::make_shared<OneHotIoU>(
               OneHotIoUOptions{.num_classes = 3, .target_class_ids = {1}}),
           std::make_shared<OneHotMeanIoU>(
               OneHotMeanIoUOptions{.num_classes = 2}),
           std::make_shared<SparseCategoricalCrossentropy>(
               SparseCategoricalCrossentropyMetricOptions{.ignore_class = 0}),
           std::make_shared<CosineSimilarity>()}) {
    SCOPED_TRACE(m->class_name());
    EXPECT_EQ(serialize(*deserialize(serialize(*m))), serialize(*m));
  }
}

TEST(MetricsTest, RateAtRateAndCorrelationByHand) {
  const Tensor t = Tensor::from_vector<float>({1, 0, 1, 0}, {4});
  const Tensor p = Tensor::from_vector<float>({0.9f, 0.8f, 0.3f, 0.1f}, {4});
  // Specificity >= 0.5 holds up to threshold 0.8: recall there is 1.
  SensitivityAtSpecificity sens({.value = 0.5});
  sens.update_state(t, p);
  EXPECT_NEAR(sens.result().item(), 1.0, 1e-6);
  EXPECT_EQ(sens.variables().size(), 4u);
  EXPECT_EQ(sens.get_config()["specificity"], 0.5);
  // Specificity 1 needs threshold >= 0.8: recall 0.5.
  SensitivityAtSpecificity strict({.value = 1.0});
  strict.update_state(t, p);
  EXPECT_NEAR(strict.result().item(), 0.5, 1e-6);
  // Recall 1 needs threshold < 0.3: precision 2/3.
  PrecisionAtRecall precision({.value = 1.0});
  precision.update_state(t, p);
  EXPECT_NEAR(precision.result().item(), 2.0 / 3.0, 1e-6);
  expect_error<ValueError>([] { RecallAtPrecision({.value = 1.5}); },
                           "Argument `precision` must be in the range [0, 1]");
  expect_error<TypeError>(
      [] {
        deserialize(Json::parse(
            R"({"class_name": "PrecisionAtRecall", "config": {}})"));
      },
      "missing 1 required positional argument: 'recall'");
  // Correlations of a linear relation are 1 (concordance: Keras' formula).
  const Tensor x = Tensor::from_vector<float>({1, 2, 3, 4, 2, 4, 6, 8}, {2, 4});
  PearsonCorrelation pearson;
  pearson.update_state(x, x * 2.0f);
  EXPECT_NEAR(pearson.result().item(), 1.0, 1e-5);
  ConcordanceCorrelation concordance;
  concordance.update_state(x, x);
  EXPECT_NEAR(concordance.result().item(), 1.0, 1e-5);
  for (const auto& m : std::vector<std::shared_ptr<Metric>>{
           std::make_shared<SpecificityAtSensitivity>(
               AtValueOptions{.value = 0.3, .num_thresholds = 1}),
           std::make_shared<ConcordanceCorrelation>("cc", 1)}) {
    SCOPED_TRACE(m->class_name());
    EXPECT_EQ(serialize(*deserialize(serialize(*m))), serialize(*m));
  }
}

}  // namespace
}  // namespace keras::metrics
