// File: keras/metrics/accuracy_metrics.h
// -----------------------------------------------------------------------------
// Accuracy metrics (Python: keras/src/metrics/accuracy_metrics.py): each is
// the Mean of a per-sample 0/1 match (float32).
//   * accuracy: y_true == y_pred exactly (Accuracy);
//   * binary_accuracy: y_true == (y_pred > threshold) (BinaryAccuracy,
//     threshold 0.5);
//   * categorical_accuracy: argmax(y_true) == argmax(y_pred)
//     (CategoricalAccuracy, one-hot labels);
//   * sparse_categorical_accuracy: y_true == argmax(y_pred)
//     (SparseCategoricalAccuracy, integer labels of shape (batch,) or
//     (batch, 1)).
// compile(metrics={"accuracy"}) picks one of the last three from the shapes
// (see metrics.h, get_compile_metric).
//
//   keras::metrics::BinaryAccuracy acc({.threshold = 0.6});
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/metrics/reduction_metrics.h"

namespace keras::metrics {

Tensor accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor binary_accuracy(const Tensor& y_true, const Tensor& y_pred,
                       double threshold = 0.5);
Tensor categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor sparse_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);

class Accuracy : public MeanMetricWrapper {
 public:
  explicit Accuracy(std::string name = "accuracy");
  std::string class_name() const override { return "Accuracy"; }
  Json get_config() const override { return Metric::get_config(); }
};

struct BinaryAccuracyOptions {
  std::string name = "binary_accuracy";
  double threshold = 0.5;
};

class BinaryAccuracy : public MeanMetricWrapper {
 public:
  explicit BinaryAccuracy(const BinaryAccuracyOptions& options = {});
  std::string class_name() const override { return "BinaryAccuracy"; }
  // name, dtype, threshold.
  Json get_config() const override;
  double threshold() const { return threshold_; }

 private:
  double threshold_;
};

class CategoricalAccuracy : public MeanMetricWrapper {
 public:
  explicit CategoricalAccuracy(std::string name = "categorical_accuracy");
  std::string class_name() const override { return "CategoricalAccuracy"; }
  Json get_config() const override { return Metric::get_config(); }
};

class SparseCategoricalAccuracy : public MeanMetricWrapper {
 public:
  explicit SparseCategoricalAccuracy(
      std::string name = "sparse_categorical_accuracy");
  std::string class_name() const override {
    return "SparseCategoricalAccuracy";
  }
  Json get_config() const override { return Metric::get_config(); }
};

}  // namespace keras::metrics
