// File: keras/metrics/confusion_metrics.h
// -----------------------------------------------------------------------------
// Confusion-matrix metrics (Python: keras/src/metrics/confusion_metrics.py
// and metrics_utils.update_confusion_matrix_variables):
//   * TruePositives / FalsePositives / TrueNegatives / FalseNegatives:
//     weighted counts per threshold (variable "accumulator");
//   * Precision = tp / (tp + fp), Recall = tp / (tp + fn), per threshold
//     (default 0.5; with top_k only the k largest predictions count as
//     positive; class_id restricts to one column);
//   * AUC: ROC or PR curve (or PRGAIN) from tp/fp/tn/fn at num_thresholds
//     evenly spaced thresholds (or given ones), Riemann sums with
//     "interpolation" (PR: Davis & Goadrich), "minoring" or "majoring";
//     multi_label keeps one curve per label and averages them;
//   * SensitivityAtSpecificity & co. (see below).
// A prediction is positive when it is strictly greater than the threshold
// (compared in float32); labels are positive when non-zero. Thresholds
// are given as a number or a list of numbers in [0, 1] (Keras' config
// stores them as given).
//
//   keras::metrics::AUC auc({.curve = "PR", .num_thresholds = 50});
//   auc.update_state(y_true, y_pred);
//   keras::metrics::Precision top2({.top_k = 2});
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keras/metrics/metric.h"

namespace keras::metrics {

// The variables metrics_utils.update_confusion_matrix_variables updates
// (any may be null).
struct ConfusionVariables {
  Variable* true_positives = nullptr;
  Variable* false_positives = nullptr;
  Variable* true_negatives = nullptr;
  Variable* false_negatives = nullptr;
};

struct ConfusionUpdateOptions {
  std::vector<float> thresholds = {};
  // Keras' optimized bucket path (evenly spaced thresholds).
  bool thresholds_distributed_evenly = false;
  std::optional<std::int64_t> top_k = std::nullopt;
  std::optional<std::int64_t> class_id = std::nullopt;
  // One curve per label: y_pred must be (batch, labels); variables are
  // (thresholds, labels).
  bool multi_label = false;
  // Per-label weights (not with multi_label).
  std::optional<std::vector<float>> label_weights = std::nullopt;
};

// Adds this batch's weighted confusion counts to `variables`.
void update_confusion_matrix_variables(const ConfusionVariables& variables,
                                       const Tensor& y_true,
                                       const Tensor& y_pred,
                                       const Tensor& sample_weight,
                                       const ConfusionUpdateOptions& options);

// Keras' parse_init_thresholds: `thresholds` (null, a number or a list of
// numbers in [0, 1]) as a list, `default_threshold` when null. ValueError
// "Threshold values must be in [0, 1]. Received: [...]" otherwise.
std::vector<float> parse_init_thresholds(const Json& thresholds,
                                         double default_threshold);

// The four count metrics.
class ConfusionCount : public Metric {
 public:
  // `condition`: "tp", "fp", "tn" or "fn".
  ConfusionCount(std::string class_name, std::string condition, Json thresholds,
                 std::string name);
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  // The count (a scalar for one threshold, else one per threshold).
  Tensor result() const override;
  std::string class_name() const override { return class_name_; }
  // name, dtype, thresholds.
  Json get_config() const override;

 private:
  std::string class_name_;
  std::string condition_;
  Json init_thresholds_;
  std::vector<float> thresholds_;
  VariablePtr accumulator_;
};

struct ConfusionCountOptions {
  Json thresholds = nullptr;
  std::string name = "";  // "" -> Keras' auto name ("true_positives", ...)
};

class TruePositives : public ConfusionCount {
 public:
  explicit TruePositives(const ConfusionCountOptions& options = {});
};
class FalsePositives : public ConfusionCount {
 public:
  explicit FalsePositives(const ConfusionCountOptions& options = {});
};
class TrueNegatives : public ConfusionCount {
 public:
  explicit TrueNegatives(const ConfusionCountOptions& options = {});
};
class FalseNegatives : public ConfusionCount {
 public:
  explicit FalseNegatives(const ConfusionCountOptions& options = {});
};

struct PrecisionRecallOptions {
  Json thresholds = nullptr;
  std::optional<std::int64_t> top_k = std::nullopt;
  std::optional<std::int64_t> class_id = std::nullopt;
  std::string name = "";  // "" -> "precision", "precision_1", ...
};
using PrecisionOptions = PrecisionRecallOptions;
using RecallOptions = PrecisionRecallOptions;

// Precision (variables true_positives, false_positives) and Recall
// (true_positives, false_negatives).
class PrecisionRecall : public Metric {
 public:
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  Tensor result() const override;
  std::string class_name() const override {
    return recall_ ? "Recall" : "Precision";
  }
  // name, dtype, thresholds, top_k, class_id.
  Json get_config() const override;

 protected:
  PrecisionRecall(bool recall, const PrecisionRecallOptions& options);

 private:
  bool recall_;
  PrecisionRecallOptions options_;
  std::vector<float> thresholds_;
  bool evenly_;
  VariablePtr true_positives_;
  VariablePtr other_;  // false_positives (Precision) / false_negatives
};

class Precision : public PrecisionRecall {
 public:
  explicit Precision(const PrecisionOptions& options = {})
      : PrecisionRecall(false, options) {}
};

class Recall : public PrecisionRecall {
 public:
  explicit Recall(const RecallOptions& options = {})
      : PrecisionRecall(true, options) {}
};

struct AUCOptions {
  std::int64_t num_thresholds = 200;
  std::string curve = "ROC";  // "ROC", "PR", "PRGAIN" (or lower case)
  std::string summation_method = "interpolation";  // / minoring / majoring
  std::string name = "";                           // "" -> "auc", "auc_1", ...
  // Explicit thresholds in [0, 1] (num_thresholds is then their count + 2).
  std::optional<std::vector<double>> thresholds = std::nullopt;
  bool multi_label = false;
  std::optional<std::int64_t> num_labels = std::nullopt;
  std::optional<std::vector<double>> label_weights = std::nullopt;
  bool from_logits = false;
};

class AUC : public Metric {
 public:
  explicit AUC(const AUCOptions& options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  Tensor result() const override;
  void reset_state() override;
  std::string class_name() const override { return "AUC"; }
  // name, dtype, num_thresholds, curve, summation_method, multi_label,
  // num_labels, label_weights, from_logits (, thresholds).
  Json get_config() const override;
  // The thresholds with -eps and 1 + eps at the ends.
  const std::vector<double>& thresholds() const { return thresholds_; }

 private:
  // Creates the four (num_thresholds[, num_labels]) variables.
  void build(std::int64_t num_labels);
  double interpolate_pr_auc() const;

  AUCOptions options_;
  std::int64_t num_thresholds_;
  std::int64_t built_labels_ = 0;
  bool built_ = false;
  std::vector<double> thresholds_;
  bool evenly_;
  VariablePtr true_positives_, false_positives_, true_negatives_,
      false_negatives_;
};

// SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall,
// RecallAtPrecision: the best value of one rate among the thresholds where
// the other rate reaches `value` (num_thresholds evenly spaced thresholds;
// variables true_positives, false_positives, true_negatives,
// false_negatives).
struct AtValueOptions {
  double value = 0.5;  // the constrained rate (specificity, recall, ...)
  std::int64_t num_thresholds = 200;
  std::optional<std::int64_t> class_id = std::nullopt;
  std::string name = "";  // "" -> Keras' auto name
};

class SensitivitySpecificityBase : public Metric {
 public:
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  Tensor result() const override;
  std::string class_name() const override { return class_name_; }
  // name, dtype, class_id, num_thresholds, <value key>.
  Json get_config() const override;

 protected:
  // `class_name`: one of the four; `value_key`: "specificity",
  // "sensitivity", "recall" or "precision".
  SensitivitySpecificityBase(std::string class_name, const char* value_key,
                             const AtValueOptions& options);

 private:
  std::string class_name_;
  std::string value_key_;
  AtValueOptions options_;
  std::vector<float> thresholds_;
  VariablePtr true_positives_, false_positives_, true_negatives_,
      false_negatives_;
};

#define KERAS_AT_VALUE_METRIC(Name)                \
  class Name : public SensitivitySpecificityBase { \
   public:                                         \
    explicit Name(const AtValueOptions& options);  \
  };
KERAS_AT_VALUE_METRIC(SensitivityAtSpecificity)
KERAS_AT_VALUE_METRIC(SpecificityAtSensitivity)
KERAS_AT_VALUE_METRIC(PrecisionAtRecall)
KERAS_AT_VALUE_METRIC(RecallAtPrecision)
#undef KERAS_AT_VALUE_METRIC

}  // namespace keras::metrics
