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
//     (batch, 1));
//   * (sparse_)top_k_categorical_accuracy: the true class is among the k
//     largest predictions (TopKCategoricalAccuracy,
//     SparseTopKCategoricalAccuracy).
// compile(metrics={"accuracy"}) picks one of the last three from the shapes
// (see metrics.h, get_compile_metric).
//
//   keras::metrics::BinaryAccuracy acc({.threshold = 0.6});
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>

#include "keras/metrics/reduction_metrics.h"

namespace keras::metrics {

Tensor accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor binary_accuracy(const Tensor& y_true, const Tensor& y_pred,
                       double threshold = 0.5);
Tensor categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor sparse_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);
// 1 where the true class (argmax of one-hot y_true / the integer label) is
// among the k largest predictions (ties with the k-th count as in, as in
// Keras' torch in_top_k); y_pred of rank > 2 is flattened to rows.
Tensor top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred,
                                  std::int64_t k = 5);
// from_sorted_ids: y_pred holds class ids sorted by score (batch, >= k).
Tensor sparse_top_k_categorical_accuracy(const Tensor& y_true,
                                         const Tensor& y_pred,
                                         std::int64_t k = 5,
                                         bool from_sorted_ids = false);

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

struct TopKCategoricalAccuracyOptions {
  std::int64_t k = 5;
  std::string name = "top_k_categorical_accuracy";
};

// Config: name, dtype, k.
class TopKCategoricalAccuracy : public BuiltinMeanMetric {
 public:
  explicit TopKCategoricalAccuracy(
      const TopKCategoricalAccuracyOptions& options = {});
};

struct SparseTopKCategoricalAccuracyOptions {
  std::int64_t k = 5;
  std::string name = "sparse_top_k_categorical_accuracy";
  bool from_sorted_ids = false;
};

// Config: name, dtype, k (and from_sorted_ids when true).
class SparseTopKCategoricalAccuracy : public BuiltinMeanMetric {
 public:
  explicit SparseTopKCategoricalAccuracy(
      const SparseTopKCategoricalAccuracyOptions& options = {});
};

}  // namespace keras::metrics
