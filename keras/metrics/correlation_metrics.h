// File: keras/metrics/correlation_metrics.h
// -----------------------------------------------------------------------------
// Correlation metrics (Python: keras/src/metrics/correlation_metrics.py):
// running means of the per-sample Pearson and concordance correlation
// coefficients along `axis`.
//
//   keras::metrics::PearsonCorrelation pearson;
//   pearson.update_state(y_true, y_pred);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>

#include "keras/metrics/reduction_metrics.h"

namespace keras::metrics {

// mean(normalized y_true * normalized y_pred) along `axis` (each centred
// and divided by its standard deviation).
Tensor pearson_correlation(const Tensor& y_true, const Tensor& y_pred,
                           std::int64_t axis = -1);
// Keras' concordance correlation: 2 cov / (var_t + var_p + (mean_t -
// mean_p)^2 + eps), averaged along `axis` (the covariance term centres
// y_true on y_pred's mean, as Keras 3.15 does).
Tensor concordance_correlation(const Tensor& y_true, const Tensor& y_pred,
                               std::int64_t axis = -1);

// Config: name, dtype, axis.
class PearsonCorrelation : public BuiltinMeanMetric {
 public:
  explicit PearsonCorrelation(std::string name = "pearson_correlation",
                              std::int64_t axis = -1);
};

// Config: name, dtype, axis.
class ConcordanceCorrelation : public BuiltinMeanMetric {
 public:
  explicit ConcordanceCorrelation(std::string name = "concordance_correlation",
                                  std::int64_t axis = -1);
};

}  // namespace keras::metrics
