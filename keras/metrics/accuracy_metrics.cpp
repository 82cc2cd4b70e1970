#include "keras/metrics/accuracy_metrics.h"

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
