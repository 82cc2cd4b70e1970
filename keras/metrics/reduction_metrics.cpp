#include "keras/metrics/reduction_metrics.h"

#include <numeric>

#include "keras/core/error.h"
#include "keras/losses/loss.h"
#include "keras/losses/losses.h"
#include "keras/ops/autograd.h"
#include "keras/ops/core.h"
#include "keras/ops/numpy.h"
#include "keras/utils/naming.h"

namespace keras::metrics {

namespace {

Tensor to_float32(const Tensor& x) {
  return x.dtype() == DType::float32 ? x : ops::cast(x, DType::float32);
}

ops::Axes axes_from(std::int64_t first, std::int64_t stop) {
  ops::Axes axes(static_cast<std::size_t>(stop - first));
  std::iota(axes.begin(), axes.end(), first);
  return axes;
}

Tensor reduce(const Tensor& x, const ops::Axes& axes, bool with_sum) {
  return with_sum ? ops::sum(x, axes) : ops::mean(x, axes);
}

// total += value (a scalar), in the variable's dtype.
void assign_add(Variable& variable, const Tensor& value) {
  variable.assign(
      ops::add(variable.value(), ops::cast(value, variable.dtype())));
}

}  // namespace

std::pair<Tensor, Tensor> reduce_to_samplewise_values(
    const Tensor& values_in, const Tensor& sample_weight_in,
    bool reduce_with_sum) {
  const Tensor mask = losses::get_keras_mask(values_in);
  Tensor values = to_float32(values_in);
  Tensor sample_weight;
  if (sample_weight_in.defined()) {
    sample_weight = to_float32(sample_weight_in);
    if (mask.defined()) {
      sample_weight =
          losses::apply_mask(sample_weight, mask, DType::float32, "sum");
    }
    auto [v, w] = losses::squeeze_or_expand_to_same_rank(values, sample_weight);
    values = v;
    sample_weight = w;
    const std::int64_t weight_ndim = sample_weight.ndim();
    const std::int64_t values_ndim = values.ndim();
    if (values_ndim > weight_ndim) {
      values =
          reduce(values, axes_from(weight_ndim, values_ndim), reduce_with_sum);
    }
    // Broadcast the weights: no effect on the product, but on their sum.
    sample_weight = ops::broadcast_to(sample_weight, values.shape());
    values = ops::multiply(values, sample_weight);
    if (weight_ndim > 1) {
      sample_weight =
          reduce(sample_weight, axes_from(1, weight_ndim), reduce_with_sum);
    }
  }
  if (values.ndim() > 1) {
    values = reduce(values, axes_from(1, values.ndim()), reduce_with_sum);
  }
  return {values, sample_weight};
}

// ---- Sum ----

Sum::Sum(std::string name) : Metric(std::move(name)) {
  total_ = add_variable({}, "total");
}

void Sum::update_state(const Tensor& values, const Tensor& sample_weight) {
  autograd::NoGradGuard no_grad;
  auto [v, w] = reduce_to_samplewise_values(values, sample_weight, true);
  assign_add(*total_, ops::sum(v));
}

void Sum::update_state(const Tensor&, const Tensor&, const Tensor&) {
  throw TypeError(
      "Sum.update_state() takes (values, sample_weight), not (y_true, "
      "y_pred, sample_weight).");
}

Tensor Sum::result() const { return total_->value().clone(); }

// ---- Mean ----

Mean::Mean(std::string name) : Metric(std::move(name)) {
  total_ = add_variable({}, "total");
  count_ = add_variable({}, "count");
}

void Mean::update_state(const Tensor& values, const Tensor& sample_weight) {
  autograd::NoGradGuard no_grad;
  auto [v, w] = reduce_to_samplewise_values(values, sample_weight, false);
  assign_add(*total_, ops::sum(v));
  Tensor num_samples;
  if (w.defined()) {
    num_samples = ops::sum(w);
  } else if (v.ndim() >= 1) {
    num_samples = Tensor::scalar(static_cast<double>(v.shape()[0]));
  } else {
    num_samples = Tensor::scalar(1.0);
  }
  assign_add(*count_, num_samples);
}

void Mean::update_state(const Tensor&, const Tensor&, const Tensor&) {
  throw TypeError(
      "Mean.update_state() takes (values, sample_weight); use "
      "MeanMetricWrapper for (y_true, y_pred, sample_weight).");
}

Tensor Mean::result() const {
  // divide_no_nan(total, count)
  const double count = count_->value().item();
  if (count == 0) return Tensor::scalar(0.0, total_->dtype());
  return ops::divide(total_->value(), count_->value());
}

// ---- MeanMetricWrapper ----

MeanMetricWrapper::MeanMetricWrapper(std::string fn_name, MetricFn fn,
                                     std::string name, Json fn_kwargs)
    : Mean(name.empty() ? utils::uniquify("mean_metric_wrapper")
                        : std::move(name)),
      fn_name_(std::move(fn_name)),
      fn_(std::move(fn)),
      fn_kwargs_(std::move(fn_kwargs)) {}

void MeanMetricWrapper::update_state(const Tensor& y_true, const Tensor& y_pred,
                                     const Tensor& sample_weight) {
  autograd::NoGradGuard no_grad;
  const Tensor mask = losses::get_keras_mask(y_pred);
  const Tensor values = fn_(y_true, y_pred);
  const Tensor weight =
      losses::apply_mask(sample_weight, mask, DType::float32, "sum");
  Mean::update_state(values, weight);
}

Json MeanMetricWrapper::get_config() const {
  Json config = Metric::get_config();
  config["fn"] = losses::function_record(fn_name_);
  for (const auto& [key, value] : fn_kwargs_.items()) config[key] = value;
  return config;
}

BuiltinMeanMetric::BuiltinMeanMetric(std::string class_name,
                                     std::string fn_name, MetricFn fn,
                                     std::string name, Json fn_kwargs,
                                     std::vector<std::string> config_keys)
    : MeanMetricWrapper(std::move(fn_name), std::move(fn), std::move(name),
                        fn_kwargs),
      class_name_(std::move(class_name)),
      fn_kwargs_(std::move(fn_kwargs)),
      config_keys_(std::move(config_keys)) {}

Json BuiltinMeanMetric::get_config() const {
  Json config = Metric::get_config();
  for (const auto& key : config_keys_) config[key] = fn_kwargs_.at(key);
  return config;
}

}  // namespace keras::metrics
