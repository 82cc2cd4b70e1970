// File: keras/metrics/regression_metrics.h
// -----------------------------------------------------------------------------
// Regression metrics (Python: keras/src/metrics/regression_metrics.py):
//   * MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
//     MeanSquaredLogarithmicError, LogCoshError: running means of the loss
//     functions of keras::losses over all samples seen;
//   * CosineSimilarity: running mean of cosine_similarity below (positive,
//     unlike the loss);
//   * RootMeanSquaredError: sqrt of the weighted mean of squared errors;
//   * R2Score: coefficient of determination per output, aggregated
//     ("uniform_average", "variance_weighted_average" or none), adjusted
//     for num_regressors.
//
//   keras::metrics::MeanAbsoluteError mae;
//   mae.update_state(y_true, y_pred);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "keras/metrics/reduction_metrics.h"

namespace keras::metrics {

// sum(l2_normalize(y_true) * l2_normalize(y_pred)) along `axis`.
Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred,
                         std::int64_t axis = -1);

class MeanSquaredError : public BuiltinMeanMetric {
 public:
  explicit MeanSquaredError(std::string name = "mean_squared_error");
};

class MeanAbsoluteError : public BuiltinMeanMetric {
 public:
  explicit MeanAbsoluteError(std::string name = "mean_absolute_error");
};

class MeanAbsolutePercentageError : public BuiltinMeanMetric {
 public:
  explicit MeanAbsolutePercentageError(
      std::string name = "mean_absolute_percentage_error");
};

class MeanSquaredLogarithmicError : public BuiltinMeanMetric {
 public:
  explicit MeanSquaredLogarithmicError(
      std::string name = "mean_squared_logarithmic_error");
};

class LogCoshError : public BuiltinMeanMetric {
 public:
  explicit LogCoshError(std::string name = "logcosh");
};

// Keras' config has no axis (it is not restored from a config).
class CosineSimilarity : public BuiltinMeanMetric {
 public:
  explicit CosineSimilarity(std::string name = "cosine_similarity",
                            std::int64_t axis = -1);
};

class RootMeanSquaredError : public Mean {
 public:
  explicit RootMeanSquaredError(std::string name = "root_mean_squared_error");
  // Mean of the squared errors (weighted per sample).
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  Tensor result() const override;
  std::string class_name() const override { return "RootMeanSquaredError"; }
};

struct R2ScoreOptions {
  // "uniform_average", "variance_weighted_average" or nullopt (per output).
  std::optional<std::string> class_aggregation = "uniform_average";
  std::int64_t num_regressors = 0;
  std::string name = "r2_score";
};

// Variables num_samples, then (first update) squared_sum, sum, residual,
// count of shape (outputs,).
class R2Score : public Metric {
 public:
  explicit R2Score(const R2ScoreOptions& options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  Tensor result() const override;
  std::string class_name() const override { return "R2Score"; }
  // name, dtype, class_aggregation, num_regressors.
  Json get_config() const override;

 private:
  R2ScoreOptions options_;
  bool built_ = false;
  VariablePtr num_samples_, squared_sum_, sum_, residual_, count_;
};

}  // namespace keras::metrics
