#include "keras/metrics/f_score_metrics.h"

#include "keras/core/error.h"
#include "keras/metrics/internal/metric_utils.h"
#include "keras/ops/autograd.h"

namespace keras::metrics {

using internal::floats_of;

namespace {
constexpr float kEpsilonF = 1e-7f;
}  // namespace

FBetaScore::FBetaScore(const FBetaScoreOptions& options)
    : Metric(options.name), options_(options) {
  const auto& average = options.average;
  if (average && *average != "micro" && *average != "macro" &&
      *average != "weighted") {
    throw ValueError(
        str("Invalid `average` argument value. Expected one of: {None, "
            "'micro', 'macro', 'weighted'}. Received: average=",
            *average));
  }
  if (!(options.beta > 0.0)) {
    throw ValueError(
        str("Invalid `beta` argument value. It should be > 0. Received: beta=",
            options.beta));
  }
  if (options.threshold &&
      (*options.threshold > 1.0 || !(*options.threshold > 0.0))) {
    throw ValueError(
        str("Invalid `threshold` argument value. It should verify 0 < "
            "threshold <= 1. Received: threshold=",
            *options.threshold));
  }
}

void FBetaScore::build(std::int64_t num_classes) {
  const Shape shape = options_.average == std::optional<std::string>("micro")
                          ? Shape{}
                          : Shape{num_classes};
  true_positives_ = add_variable(shape, "true_positives");
  false_positives_ = add_variable(shape, "false_positives");
  false_negatives_ = add_variable(shape, "false_negatives");
  intermediate_weights_ = add_variable(shape, "intermediate_weights");
  built_ = true;
}

void FBetaScore::update_state(const Tensor& y_true, const Tensor& y_pred,
                              const Tensor& sample_weight) {
  autograd::NoGradGuard no_grad;
  if (y_true.ndim() != 2 || y_pred.ndim() != 2) {
    throw ValueError(
        str(class_name(),
            " expects 2D inputs with shape (batch_size, output_dim). Received "
            "input shapes: y_pred.shape=",
            shape_str(y_pred.shape()),
            " and y_true.shape=", shape_str(y_true.shape()), "."));
  }
  if (y_true.shape() != y_pred.shape()) {
    throw ValueError(str(class_name(),
                         ": `y_true` and `y_pred` must have the same shape. "
                         "Received: y_true.shape=",
                         shape_str(y_true.shape()),
                         ", y_pred.shape=", shape_str(y_pred.shape())));
  }
  const auto rows = static_cast<std::size_t>(y_pred.shape()[0]);
  const auto cols = static_cast<std::size_t>(y_pred.shape()[1]);
  if (!built_) build(static_cast<std::int64_t>(cols));
  const auto truth = floats_of(y_true);
  const auto pred_values = floats_of(y_pred);
  std::vector<float> weights(rows, 1.0f);
  if (sample_weight.defined()) {
    weights = floats_of(sample_weight);
    if (weights.size() != rows) {
      throw ValueError(str(class_name(), ": `sample_weight` must have shape (",
                           rows, ",). Received: sample_weight.shape=",
                           shape_str(sample_weight.shape())));
    }
  }
  const bool micro = options_.average == std::optional<std::string>("micro");
  const std::size_t size = micro ? 1 : cols;
  std::vector<float> tp(size), fp(size), fn(size), iw(size);
  for (std::size_t r = 0; r < rows; ++r) {
    float row_max = pred_values[r * cols];
    for (std::size_t c = 1; c < cols; ++c) {
      row_max = std::max(row_max, pred_values[r * cols + c]);
    }
    for (std::size_t c = 0; c < cols; ++c) {
      const float p_value = pred_values[r * cols + c];
      const bool positive =
          options_.threshold ? p_value > static_cast<float>(*options_.threshold)
                             : p_value >= row_max && std::abs(p_value) > 1e-9f;
      const float p = positive ? 1.0f : 0.0f;
      const float t = truth[r * cols + c];
      const float w = weights[r];
      const std::size_t at = micro ? 0 : c;
      tp[at] += p * t * w;
      fp[at] += p * (1 - t) * w;
      fn[at] += (1 - p) * t * w;
      iw[at] += t * w;
    }
  }
  internal::add_to(*true_positives_, tp);
  internal::add_to(*false_positives_, fp);
  internal::add_to(*false_negatives_, fn);
  internal::add_to(*intermediate_weights_, iw);
}

Tensor FBetaScore::result() const {
  if (!built_) return Tensor::scalar(0.0);
  const auto tp = floats_of(true_positives_->value());
  const auto fp = floats_of(false_positives_->value());
  const auto fn = floats_of(false_negatives_->value());
  const auto iw = floats_of(intermediate_weights_->value());
  const float beta2 = static_cast<float>(options_.beta * options_.beta);
  std::vector<float> f(tp.size());
  for (std::size_t i = 0; i < tp.size(); ++i) {
    const float precision = tp[i] / (tp[i] + fp[i] + kEpsilonF);
    const float recall = tp[i] / (tp[i] + fn[i] + kEpsilonF);
    const float mean =
        precision * recall / (beta2 * precision + recall + kEpsilonF);
    f[i] = mean * (1 + beta2);
  }
  if (options_.average == std::optional<std::string>("weighted")) {
    float total = 0;
    for (float w : iw) total += w;
    float sum = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
      sum += f[i] * (iw[i] / (total + kEpsilonF));
    }
    return Tensor::scalar(sum);
  }
  if (options_.average) {
    float sum = 0;
    for (float v : f) sum += v;
    return Tensor::scalar(sum / static_cast<float>(f.size()));
  }
  return internal::float_tensor(f, true_positives_->shape());
}

Json FBetaScore::get_config() const {
  Json config = Metric::get_config();
  config["average"] =
      options_.average ? Json(*options_.average) : Json(nullptr);
  config["beta"] = options_.beta;
  config["threshold"] =
      options_.threshold ? Json(*options_.threshold) : Json(nullptr);
  return config;
}

F1Score::F1Score(const F1ScoreOptions& options)
    : FBetaScore({.average = options.average,
                  .beta = 1.0,
                  .threshold = options.threshold,
                  .name = options.name}) {}

Json F1Score::get_config() const {
  Json config = FBetaScore::get_config();
  config.erase("beta");
  return config;
}

}  // namespace keras::metrics
