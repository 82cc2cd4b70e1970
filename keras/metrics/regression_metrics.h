// File: keras/metrics/regression_metrics.h
// -----------------------------------------------------------------------------
// Regression metrics (Python: keras/src/metrics/regression_metrics.py):
// MeanSquaredError and MeanAbsoluteError, the running means of the loss
// functions keras::losses::mean_squared_error / mean_absolute_error over all
// samples seen ("mse" / "mae" in compile()).
//
//   keras::metrics::MeanAbsoluteError mae;
//   mae.update_state(y_true, y_pred);
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/metrics/reduction_metrics.h"

namespace keras::metrics {

class MeanSquaredError : public MeanMetricWrapper {
 public:
  explicit MeanSquaredError(std::string name = "mean_squared_error");
  std::string class_name() const override { return "MeanSquaredError"; }
  Json get_config() const override { return Metric::get_config(); }
};

class MeanAbsoluteError : public MeanMetricWrapper {
 public:
  explicit MeanAbsoluteError(std::string name = "mean_absolute_error");
  std::string class_name() const override { return "MeanAbsoluteError"; }
  Json get_config() const override { return Metric::get_config(); }
};

}  // namespace keras::metrics
