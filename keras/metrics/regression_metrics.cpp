#include "keras/metrics/regression_metrics.h"

#include <cmath>

#include "keras/core/error.h"
#include "keras/losses/internal/loss_utils.h"
#include "keras/losses/loss.h"
#include "keras/losses/losses.h"
#include "keras/metrics/internal/metric_utils.h"
#include "keras/ops/autograd.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"

namespace keras::metrics {

using internal::floats_of;

Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred,
                         std::int64_t axis) {
  const Tensor p = losses::internal::float_pred(y_pred);
  auto [t, pp] = losses::squeeze_or_expand_to_same_rank(
      losses::internal::cast_to(y_true, p.dtype()), p);
  return ops::sum(losses::internal::l2_normalize(t, axis) *
                      losses::internal::l2_normalize(pp, axis),
                  {axis});
}

MeanSquaredError::MeanSquaredError(std::string name)
    : BuiltinMeanMetric("MeanSquaredError", "mean_squared_error",
                        losses::mean_squared_error, std::move(name)) {}

MeanAbsoluteError::MeanAbsoluteError(std::string name)
    : BuiltinMeanMetric("MeanAbsoluteError", "mean_absolute_error",
                        losses::mean_absolute_error, std::move(name)) {}

MeanAbsolutePercentageError::MeanAbsolutePercentageError(std::string name)
    : BuiltinMeanMetric(
          "MeanAbsolutePercentageError", "mean_absolute_percentage_error",
          losses::mean_absolute_percentage_error, std::move(name)) {}

MeanSquaredLogarithmicError::MeanSquaredLogarithmicError(std::string name)
    : BuiltinMeanMetric(
          "MeanSquaredLogarithmicError", "mean_squared_logarithmic_error",
          losses::mean_squared_logarithmic_error, std::move(name)) {}

LogCoshError::LogCoshError(std::string name)
    : BuiltinMeanMetric("LogCoshError", "log_cosh", losses::log_cosh,
                        std::move(name)) {}

CosineSimilarity::CosineSimilarity(std::string name, std::int64_t axis)
    : BuiltinMeanMetric("CosineSimilarity", "cosine_similarity",
                        [axis](const Tensor& t, const Tensor& p) {
                          return cosine_similarity(t, p, axis);
                        },
                        std::move(name), {{"axis", axis}}) {}

// ---- RootMeanSquaredError ----

RootMeanSquaredError::RootMeanSquaredError(std::string name)
    : Mean(std::move(name)) {}

void RootMeanSquaredError::update_state(const Tensor& y_true,
                                        const Tensor& y_pred,
                                        const Tensor& sample_weight) {
  autograd::NoGradGuard no_grad;
  auto [t, p] = losses::squeeze_or_expand_to_same_rank(
      ops::cast(y_true, DType::float32), ops::cast(y_pred, DType::float32));
  Mean::update_state(ops::square(p - t), sample_weight);
}

Tensor RootMeanSquaredError::result() const {
  return ops::sqrt(Mean::result());
}

// ---- R2Score ----

R2Score::R2Score(const R2ScoreOptions& options)
    : Metric(options.name), options_(options) {
  const auto& a = options.class_aggregation;
  if (a && *a != "uniform_average" && *a != "variance_weighted_average") {
    throw ValueError(
        str("Invalid value for argument `class_aggregation`. Expected one of "
            "(None, 'uniform_average', 'variance_weighted_average'). "
            "Received: class_aggregation=",
            *a));
  }
  if (options.num_regressors < 0) {
    throw ValueError(
        str("Invalid value for argument `num_regressors`. Expected a value "
            ">= 0. Received: num_regressors=",
            options.num_regressors));
  }
  num_samples_ = add_variable({}, "num_samples");
}

void R2Score::update_state(const Tensor& y_true_in, const Tensor& y_pred_in,
                           const Tensor& sample_weight) {
  autograd::NoGradGuard no_grad;
  auto [y_true, y_pred] = losses::squeeze_or_expand_to_same_rank(
      ops::cast(y_true_in, DType::float32),
      ops::cast(y_pred_in, DType::float32));
  if (y_true.ndim() != 2 || y_pred.ndim() != 2) {
    throw ValueError(
        str("R2Score expects 2D inputs with shape (batch_size, output_dim). "
            "Received input shapes: y_pred.shape=",
            shape_str(y_pred.shape()),
            " and y_true.shape=", shape_str(y_true.shape()), "."));
  }
  if (y_true.shape() != y_pred.shape()) {
    throw ValueError(
        str("R2Score: `y_true` and `y_pred` must have the same "
            "shape. Received: y_true.shape=",
            shape_str(y_true.shape()),
            ", y_pred.shape=", shape_str(y_pred.shape())));
  }
  const auto rows = static_cast<std::size_t>(y_true.shape()[0]);
  const auto cols = static_cast<std::size_t>(y_true.shape()[1]);
  if (!built_) {
    const Shape shape = {static_cast<std::int64_t>(cols)};
    squared_sum_ = add_variable(shape, "squared_sum");
    sum_ = add_variable(shape, "sum");
    residual_ = add_variable(shape, "residual");
    count_ = add_variable(shape, "count");
    built_ = true;
  }
  Tensor w = sample_weight.defined() ? ops::cast(sample_weight, DType::float32)
                                     : Tensor::scalar(1.0);
  if (w.ndim() == 1) w = ops::expand_dims(w, 1);
  const auto weights = floats_of(ops::broadcast_to(w, y_true.shape()));
  const auto t = floats_of(y_true);
  const auto p = floats_of(y_pred);
  std::vector<float> s(cols), sq(cols), res(cols), cnt(cols);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      const std::size_t i = r * cols + c;
      const float weighted = t[i] * weights[i];
      s[c] += weighted;
      sq[c] += t[i] * weighted;
      res[c] += (t[i] - p[i]) * (t[i] - p[i]) * weights[i];
      cnt[c] += weights[i];
    }
  }
  internal::add_to(*sum_, s);
  internal::add_to(*squared_sum_, sq);
  internal::add_to(*residual_, res);
  internal::add_to(*count_, cnt);
  internal::add_to(*num_samples_, {static_cast<float>(rows * cols)});
}

Tensor R2Score::result() const {
  if (!built_) return Tensor::scalar(std::nan(""));
  const auto s = floats_of(sum_->value());
  const auto sq = floats_of(squared_sum_->value());
  const auto res = floats_of(residual_->value());
  const auto cnt = floats_of(count_->value());
  std::vector<float> raw(s.size()), total(s.size());
  for (std::size_t c = 0; c < s.size(); ++c) {
    const float mean = s[c] / cnt[c];
    total[c] = sq[c] - s[c] * mean;
    raw[c] = 1 - res[c] / total[c];
    if (std::isinf(raw[c])) raw[c] = 0;
  }
  const auto& aggregation = options_.class_aggregation;
  if (!aggregation) {
    return internal::float_tensor(raw, {static_cast<std::int64_t>(raw.size())});
  }
  float score = 0;
  if (*aggregation == "uniform_average") {
    for (float r : raw) score += r;
    score /= static_cast<float>(raw.size());
  } else {
    float weighted = 0, weights = 0;
    for (std::size_t c = 0; c < raw.size(); ++c) {
      weighted += total[c] * raw[c];
      weights += total[c];
    }
    score = weighted / weights;
  }
  const float n = floats_of(num_samples_->value())[0];
  const auto p = static_cast<float>(options_.num_regressors);
  // Adjusted R2 only when there are more samples than regressors + 1
  // (Keras warns and falls back otherwise).
  if (options_.num_regressors != 0 && p < n - 1) {
    score = 1 - (1 - score) * (n - 1) / (n - p - 1);
  }
  return Tensor::scalar(score);
}

Json R2Score::get_config() const {
  Json config = Metric::get_config();
  config["class_aggregation"] = options_.class_aggregation
                                    ? Json(*options_.class_aggregation)
                                    : Json(nullptr);
  config["num_regressors"] = options_.num_regressors;
  return config;
}

}  // namespace keras::metrics
