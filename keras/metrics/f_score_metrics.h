// File: keras/metrics/f_score_metrics.h
// -----------------------------------------------------------------------------
// F-scores (Python: keras/src/metrics/f_score_metrics.py): FBetaScore and
// F1Score (beta = 1) of multi-label / multi-class predictions of shape
// (batch, classes). A prediction is positive when > threshold, or (no
// threshold) when it is the row's maximum. average: None (one score per
// class), "micro" (global counts), "macro" (mean of class scores),
// "weighted" (weighted by the class' true-label count). Variables
// true_positives, false_positives, false_negatives, intermediate_weights
// ((classes,), or scalars for "micro") are created by the first update.
//
//   keras::metrics::F1Score f1({.average = "macro", .threshold = 0.5});
// -----------------------------------------------------------------------------
#pragma once

#include <optional>
#include <string>

#include "keras/metrics/metric.h"

namespace keras::metrics {

struct FBetaScoreOptions {
  std::optional<std::string> average = std::nullopt;
  double beta = 1.0;
  std::optional<double> threshold = std::nullopt;
  std::string name = "fbeta_score";
};

class FBetaScore : public Metric {
 public:
  explicit FBetaScore(const FBetaScoreOptions& options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  Tensor result() const override;
  std::string class_name() const override { return "FBetaScore"; }
  // name, dtype, average, beta, threshold.
  Json get_config() const override;

 protected:
  FBetaScoreOptions options_;

 private:
  void build(std::int64_t num_classes);
  bool built_ = false;
  VariablePtr true_positives_, false_positives_, false_negatives_,
      intermediate_weights_;
};

struct F1ScoreOptions {
  std::optional<std::string> average = std::nullopt;
  std::optional<double> threshold = std::nullopt;
  std::string name = "f1_score";
};

class F1Score : public FBetaScore {
 public:
  explicit F1Score(const F1ScoreOptions& options = {});
  std::string class_name() const override { return "F1Score"; }
  // FBetaScore's without beta.
  Json get_config() const override;
};

}  // namespace keras::metrics
