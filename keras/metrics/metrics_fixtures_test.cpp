// Every metric_* case of fixtures/losses_metrics/ (written by Keras
// 3.15.1): the metric deserialized from metric_config.json gives Keras'
// result after one update and after a second, weighted one; its variables
// (path, shape, dtype, values) match metric_state.json; serialize() and
// get_config() give Keras' records; the C++ class API builds the same
// object; reset_state() zeroes the state.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "keras/losses/internal/test_fixtures.h"
#include "keras/metrics/metrics.h"
#include "keras/ops/core.h"

namespace keras::metrics {
namespace {

using testing::JsonMatches;
using testing::read_json;
using testing_fixtures::ValuesClose;

// Each case's metric built with the C++ API (the case's `api` line, with
// the name Keras generated).
const std::map<std::string, std::function<std::shared_ptr<Metric>()>>&
cpp_metrics() {
  using std::make_shared;
  static const std::map<std::string, std::function<std::shared_ptr<Metric>()>>
      table = {
          {"metric_accuracy", [] { return make_shared<Accuracy>(); }},
          {"metric_auc_from_logits",
           [] {
             return make_shared<AUC>(AUCOptions{
                 .num_thresholds = 20, .name = "auc_2", .from_logits = true});
           }},
          {"metric_auc_pr_interpolation",
           [] {
             return make_shared<AUC>(AUCOptions{
                 .num_thresholds = 50, .curve = "PR", .name = "auc_1"});
           }},
          {"metric_auc_roc",
           [] { return make_shared<AUC>(AUCOptions{.name = "auc"}); }},
          {"metric_binary_accuracy",
           [] {
             return make_shared<BinaryAccuracy>(
                 BinaryAccuracyOptions{.threshold = 0.6});
           }},
          {"metric_binary_crossentropy_metric",
           [] { return make_shared<BinaryCrossentropy>(); }},
          {"metric_categorical_accuracy",
           [] { return make_shared<CategoricalAccuracy>(); }},
          {"metric_f1_score",
           [] {
             return make_shared<F1Score>(
                 F1ScoreOptions{.average = "macro", .threshold = 0.5});
           }},
          {"metric_mean_absolute_error",
           [] { return make_shared<MeanAbsoluteError>(); }},
          {"metric_mean_iou",
           [] {
             return make_shared<MeanIoU>(
                 MeanIoUOptions{.num_classes = 3, .name = "mean_io_u"});
           }},
          {"metric_mean_squared_error",
           [] { return make_shared<MeanSquaredError>(); }},
          {"metric_precision",
           [] {
             return make_shared<Precision>(
                 PrecisionOptions{.name = "precision"});
           }},
          {"metric_precision_thresholds_top_k",
           [] {
             return make_shared<Precision>(PrecisionOptions{
                 .thresholds = Json::array({0.3, 0.7}), .name = "precision_1"});
           }},
          {"metric_r2_score", [] { return make_shared<R2Score>(); }},
          {"metric_recall",
           [] { return make_shared<Recall>(RecallOptions{.name = "recall"}); }},
          {"metric_recall_top_k",
           [] {
             return make_shared<Recall>(
                 RecallOptions{.top_k = 2, .name = "recall_1"});
           }},
          {"metric_root_mean_squared_error",
           [] { return make_shared<RootMeanSquaredError>(); }},
          {"metric_sparse_categorical_accuracy",
           [] { return make_shared<SparseCategoricalAccuracy>(); }},
          {"metric_sparse_top_k_categorical_accuracy",
           [] {
             return make_shared<SparseTopKCategoricalAccuracy>(
                 SparseTopKCategoricalAccuracyOptions{.k = 2});
           }},
          {"metric_top_k_categorical_accuracy",
           [] {
             return make_shared<TopKCategoricalAccuracy>(
                 TopKCategoricalAccuracyOptions{.k = 2});
           }},
      };
  return table;
}

class MetricCase : public ::testing::TestWithParam<std::string> {};

TEST_P(MetricCase, MatchesKeras) {
  const auto c = testing_fixtures::load_loss_metric_case(GetParam());
  const std::string& dir = c.dir;
  const Tensors& in = c.inputs;
  const Tensors& expected = c.expected;
  const Json record = read_json(dir + "metric_config.json");
  ASSERT_EQ(in.size(), 5u);
  ASSERT_EQ(expected.size(), 2u);

  const auto it = cpp_metrics().find(GetParam());
  ASSERT_NE(it, cpp_metrics().end()) << "no C++ constructor for this case";
  EXPECT_TRUE(JsonMatches(serialize(*it->second()), record)) << "C++ API";

  const std::shared_ptr<Metric> metric = deserialize(record);
  EXPECT_TRUE(JsonMatches(serialize(*metric), record));
  EXPECT_TRUE(
      JsonMatches(metric->get_config(), read_json(dir + "get_config.json")));

  metric->update_state(in[0], in[1]);
  EXPECT_TRUE(ValuesClose(metric->result(), expected[0], c.spec))
      << "after batch 1";
  metric->update_state(in[2], in[3], in[4]);
  EXPECT_TRUE(ValuesClose(metric->result(), expected[1], c.spec))
      << "after batch 2";

  const Json state = read_json(dir + "metric_state.json");
  ASSERT_EQ(metric->variables().size(), state.size());
  for (std::size_t i = 0; i < state.size(); ++i) {
    const Variable& v = *metric->variables()[i];
    SCOPED_TRACE(v.path());
    EXPECT_EQ(v.path(), state[i]["path"].get<std::string>());
    EXPECT_EQ(v.name(), state[i]["name"].get<std::string>());
    EXPECT_EQ(dtype_name(v.dtype()), state[i]["dtype"].get<std::string>());
    Shape shape;
    for (const Json& d : state[i]["shape"])
      shape.push_back(d.get<std::int64_t>());
    std::vector<double> values;
    const Json& raw = state[i]["values"];
    if (raw.is_array()) {
      std::function<void(const Json&)> flatten = [&](const Json& j) {
        if (j.is_array()) {
          for (const Json& e : j) flatten(e);
        } else {
          values.push_back(j.get<double>());
        }
      };
      flatten(raw);
    } else {
      values.push_back(raw.get<double>());
    }
    const Tensor expected_value = Tensor::from_vector<double>(values, shape);
    EXPECT_TRUE(testing::AllClose(ops::cast(v.value(), DType::float64),
                                  expected_value, 1e-5, 1e-5));
  }
  metric->reset_state();
  for (const auto& v : metric->variables()) {
    for (double x : v->value().to_double_vector()) EXPECT_EQ(x, 0.0);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, MetricCase,
    ::testing::ValuesIn(testing::fixture_cases("losses_metrics", "metric_")),
    testing::CaseNamePrinter());

}  // namespace
}  // namespace keras::metrics
