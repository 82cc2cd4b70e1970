#include "keras/metrics/accuracy_metrics.h"

#include <algorithm>
#include <functional>

#include "keras/core/error.h"
#include "keras/losses/loss.h"
#include "keras/ops/core.h"
#include "keras/ops/numpy.h"

namespace keras::metrics {

namespace {

Tensor cast_to(const Tensor& x, DType dtype) {
  return x.dtype() == dtype ? x : ops::cast(x, dtype);
}

Tensor matches(const Tensor& a, const Tensor& b) {
  return ops::cast(ops::equal(a, b), DType::float32);
}

}  // namespace

Tensor accuracy(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = losses::squeeze_or_expand_to_same_rank(
      cast_to(y_true, y_pred.dtype()), y_pred);
  return matches(t, p);
}

Tensor binary_accuracy(const Tensor& y_true, const Tensor& y_pred,
                       double threshold) {
  // Keras converts the Python float threshold to a float32 tensor.
  const Tensor thresh = Tensor::scalar(threshold, DType::float32);
  auto [t, p] = losses::squeeze_or_expand_to_same_rank(y_true, y_pred);
  const Tensor predicted = cast_to(ops::greater(p, thresh), t.dtype());
  return matches(t, predicted);
}

Tensor categorical_accuracy(const Tensor& y_true_in, const Tensor& y_pred) {
  Tensor y_true = cast_to(ops::argmax(y_true_in, -1), y_pred.dtype());
  const Shape original_shape = y_true.shape();
  bool reshape_matches = false;
  if (y_true.ndim() == y_pred.ndim()) {
    y_true = ops::squeeze(y_true, {-1});
    reshape_matches = true;
  }
  const Tensor predicted = cast_to(ops::argmax(y_pred, -1), y_true.dtype());
  Tensor m = matches(y_true, predicted);
  if (reshape_matches) m = ops::reshape(m, original_shape);
  return m;
}

Tensor sparse_categorical_accuracy(const Tensor& y_true_in,
                                   const Tensor& y_pred) {
  Tensor y_true = cast_to(y_true_in, y_pred.dtype());
  const Shape original_shape = y_true.shape();
  bool reshape_matches = false;
  if (y_true.ndim() == y_pred.ndim() && y_true.ndim() > 0 &&
      y_true.shape().back() == 1) {
    y_true = ops::squeeze(y_true, {-1});
    reshape_matches = true;
  }
  const Tensor predicted = cast_to(ops::argmax(y_pred, -1), y_true.dtype());
  Tensor m = matches(y_true, predicted);
  if (reshape_matches) m = ops::reshape(m, original_shape);
  if (m.ndim() > 1 && m.shape().back() == 1) m = ops::squeeze(m, {-1});
  return m;
}

namespace {

// Keras' torch in_top_k: the target's score is >= the k-th largest score
// of its row.
Tensor in_top_k(const std::vector<std::int64_t>& targets,
                const Tensor& predictions, std::int64_t k,
                const Shape& out_shape) {
  const Tensor rows = ops::cast(predictions, DType::float32);
  const std::int64_t classes = rows.ndim() == 0 ? 1 : rows.shape().back();
  if (static_cast<std::int64_t>(targets.size()) * classes != rows.size()) {
    throw ValueError(str("top_k accuracy: `y_true` has ", targets.size(),
                         " labels but `y_pred` has shape ",
                         shape_str(predictions.shape()), "."));
  }
  const float* p = rows.data<float>();
  std::vector<float> out(targets.size());
  std::vector<float> row(static_cast<std::size_t>(classes));
  for (std::size_t r = 0; r < targets.size(); ++r) {
    const float* begin = p + r * static_cast<std::size_t>(classes);
    const std::int64_t target = targets[r];
    if (target < 0 || target >= classes) continue;
    row.assign(begin, begin + classes);
    const std::int64_t kk = std::min(std::max<std::int64_t>(k, 1), classes);
    std::nth_element(row.begin(), row.begin() + (kk - 1), row.end(),
                     std::greater<float>());
    out[r] = begin[target] >= row[static_cast<std::size_t>(kk - 1)] ? 1.f : 0.f;
  }
  return Tensor::from_vector<float>(out, out_shape);
}

std::vector<std::int64_t> labels_of(const Tensor& x) {
  const auto d = x.to_double_vector();
  return std::vector<std::int64_t>(d.begin(), d.end());
}

}  // namespace

Tensor top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred,
                                  std::int64_t k) {
  // argmax of the one-hot labels, one per row of y_pred.
  const Tensor labels = ops::argmax(y_true, -1);
  return in_top_k(labels_of(labels), y_pred, k, labels.shape());
}

Tensor sparse_top_k_categorical_accuracy(const Tensor& y_true,
                                         const Tensor& y_pred, std::int64_t k,
                                         bool from_sorted_ids) {
  // Keras converts the labels to int32 (truncating floats).
  const Tensor labels = ops::cast(y_true, DType::int32);
  const auto targets = labels_of(labels);
  if (!from_sorted_ids) return in_top_k(targets, y_pred, k, labels.shape());
  const Tensor ids = ops::cast(y_pred, DType::float32);
  const std::int64_t width = ids.ndim() == 0 ? 1 : ids.shape().back();
  const float* p = ids.data<float>();
  std::vector<float> out(targets.size());
  for (std::size_t r = 0; r < targets.size(); ++r) {
    for (std::int64_t j = 0; j < std::min(k, width); ++j) {
      if (p[r * static_cast<std::size_t>(width) +
            static_cast<std::size_t>(j)] == static_cast<float>(targets[r])) {
        out[r] = 1.f;
      }
    }
  }
  return Tensor::from_vector<float>(out, labels.shape());
}

TopKCategoricalAccuracy::TopKCategoricalAccuracy(
    const TopKCategoricalAccuracyOptions& o)
    : BuiltinMeanMetric("TopKCategoricalAccuracy", "top_k_categorical_accuracy",
                        [k = o.k](const Tensor& t, const Tensor& p) {
                          return top_k_categorical_accuracy(t, p, k);
                        },
                        o.name, {{"k", o.k}}, {"k"}) {}

SparseTopKCategoricalAccuracy::SparseTopKCategoricalAccuracy(
    const SparseTopKCategoricalAccuracyOptions& o)
    : BuiltinMeanMetric(
          "SparseTopKCategoricalAccuracy", "sparse_top_k_categorical_accuracy",
          [k = o.k, sorted = o.from_sorted_ids](const Tensor& t,
                                                const Tensor& p) {
            return sparse_top_k_categorical_accuracy(t, p, k, sorted);
          },
          o.name, {{"k", o.k}, {"from_sorted_ids", o.from_sorted_ids}},
          o.from_sorted_ids ? std::vector<std::string>{"k", "from_sorted_ids"}
                            : std::vector<std::string>{"k"}) {}

Accuracy::Accuracy(std::string name)
    : MeanMetricWrapper("accuracy", accuracy, std::move(name)) {}

BinaryAccuracy::BinaryAccuracy(const BinaryAccuracyOptions& options)
    : MeanMetricWrapper(
          "binary_accuracy",
          [threshold = options.threshold](const Tensor& t, const Tensor& p) {
            return binary_accuracy(t, p, threshold);
          },
          options.name),
      threshold_(options.threshold) {}

Json BinaryAccuracy::get_config() const {
  Json config = Metric::get_config();
  config["threshold"] = threshold_;
  return config;
}

CategoricalAccuracy::CategoricalAccuracy(std::string name)
    : MeanMetricWrapper("categorical_accuracy", categorical_accuracy,
                        std::move(name)) {}

SparseCategoricalAccuracy::SparseCategoricalAccuracy(std::string name)
    : MeanMetricWrapper("sparse_categorical_accuracy",
                        sparse_categorical_accuracy, std::move(name)) {}

}  // namespace keras::metrics
