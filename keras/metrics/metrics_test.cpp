#include "keras/metrics/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "keras/losses/internal/test_fixtures.h"
#include "keras/losses/losses.h"
#include "keras/ops/autograd.h"
#include "keras/ops/numpy.h"

namespace keras::metrics {
namespace {

using testing_fixtures::fixtures_dir;
using testing_fixtures::json_values;
using testing_fixtures::read_json;
using testing_fixtures::read_npy;

class MetricFixtureTest : public ::testing::TestWithParam<std::string> {};

// Deserialize metric_config.json; result after batch 1, after the weighted
// batch 2, the state variables and the config must match Keras.
TEST_P(MetricFixtureTest, MatchesKeras) {
  const std::string dir = fixtures_dir() + "/losses_metrics/" + GetParam();
  const Json info = read_json(dir + "/case.json");
  const double rtol = info["tolerance"]["rtol"];
  const double atol = info["tolerance"]["atol"];
  const Json record = read_json(dir + "/metric_config.json");
  auto metric = deserialize(record);
  EXPECT_EQ(serialize(*metric), record);
  EXPECT_EQ(metric->get_config(), read_json(dir + "/get_config.json"));

  auto in = [&](int i) {
    return read_npy(dir + "/input_" + std::to_string(i) + ".npy");
  };
  auto expect_result = [&](int k) {
    const double expected =
        read_npy(dir + "/expected_" + std::to_string(k) + ".npy").item();
    const double got = metric->result().item();
    EXPECT_LE(std::abs(got - expected), atol + rtol * std::abs(expected))
        << "after batch " << k + 1 << ": got " << got << " expected "
        << expected;
  };
  metric->update_state(in(0), in(1));
  expect_result(0);
  metric->update_state(in(2), in(3), in(4));
  expect_result(1);

  const Json state = read_json(dir + "/metric_state.json");
  ASSERT_EQ(metric->variables().size(), state.size());
  for (std::size_t i = 0; i < state.size(); ++i) {
    EXPECT_EQ(metric->variables()[i]->path(),
              state[i]["path"].get<std::string>());
    const double expected = json_values(state[i])[0];
    EXPECT_NEAR(metric->variables()[i]->value().item(), expected,
                1e-5 * std::max(1.0, std::abs(expected)));
  }
  metric->reset_state();
  EXPECT_EQ(metric->result().item(), 0.0);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MetricFixtureTest,
                         ::testing::Values("metric_accuracy",
                                           "metric_binary_accuracy",
                                           "metric_categorical_accuracy",
                                           "metric_sparse_categorical_accuracy",
                                           "metric_mean_absolute_error",
                                           "metric_mean_squared_error"));

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
  EXPECT_THROW(get("auc"), NotImplementedError);
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
