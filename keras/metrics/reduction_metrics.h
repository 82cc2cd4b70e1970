// File: keras/metrics/reduction_metrics.h
// -----------------------------------------------------------------------------
// Reduction metrics (Python: keras/src/metrics/reduction_metrics.py):
//   * Sum: total of the (weighted) values;
//   * Mean: weighted mean of the values: total / count (fit()'s loss
//     tracker is a Mean named "loss", fed the batch loss with the batch size
//     as sample weight);
//   * MeanMetricWrapper: the Mean of a per-sample function of
//     (y_true, y_pred), e.g. accuracy or mean_squared_error.
//
//   keras::metrics::Mean mean("loss");
//   mean.update_state(batch_loss, keras::Tensor::scalar(32));
//   double epoch_loss = mean.result().item();
// -----------------------------------------------------------------------------
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "keras/metrics/metric.h"

namespace keras::metrics {

// Keras' reduce_to_samplewise_values: weights `values` by `sample_weight`
// (reduced to the weight's rank first), then reduces each sample to one
// value with `reduce_fn` ("mean" or "sum"). Returns (values, weights).
std::pair<Tensor, Tensor> reduce_to_samplewise_values(
    const Tensor& values, const Tensor& sample_weight, bool reduce_with_sum);

class Sum : public Metric {
 public:
  explicit Sum(std::string name = "sum");
  // (values, sample_weight): adds sum(values * sample_weight).
  void update_state(const Tensor& values, const Tensor& sample_weight = {});
  // Sum has no (y_true, y_pred) form; throws TypeError.
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight) override;
  Tensor result() const override;
  std::string class_name() const override { return "Sum"; }

 private:
  VariablePtr total_;
};

class Mean : public Metric {
 public:
  explicit Mean(std::string name = "mean");
  // (values, sample_weight): total += sum(weighted values), count += sum of
  // weights (or the number of samples).
  void update_state(const Tensor& values, const Tensor& sample_weight = {});
  // Mean itself has no (y_true, y_pred) form (MeanMetricWrapper does);
  // throws TypeError.
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight) override;
  // total / count, or 0 before any update.
  Tensor result() const override;
  std::string class_name() const override { return "Mean"; }

 protected:
  VariablePtr total_;
  VariablePtr count_;
};

using MetricFn =
    std::function<Tensor(const Tensor& y_true, const Tensor& y_pred)>;

// The mean of `fn(y_true, y_pred)` over all samples seen. `fn_name` is the
// Keras function's name, written into the config as a function record;
// `fn_kwargs` are extra arguments baked into `fn` (written into the config).
class MeanMetricWrapper : public Mean {
 public:
  MeanMetricWrapper(std::string fn_name, MetricFn fn, std::string name = "",
                    Json fn_kwargs = Json::object());
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  std::string class_name() const override { return "MeanMetricWrapper"; }
  // name, dtype, "fn" (function record), then the fn kwargs.
  Json get_config() const override;
  const std::string& fn_name() const { return fn_name_; }

  // True when this object stands for a bare Keras metric function (e.g.
  // keras.metrics.mean_absolute_error): serialize() then writes the function
  // record instead of a class record.
  bool is_function() const { return is_function_; }
  void set_is_function(bool value) { is_function_ = value; }

 private:
  bool is_function_ = false;
  std::string fn_name_;
  MetricFn fn_;
  Json fn_kwargs_;
};

// The built-in MeanMetricWrapper subclasses (MeanSquaredError, Hinge,
// BinaryCrossentropy, TopKCategoricalAccuracy, ...): Keras' class name, and
// a get_config() of name, dtype and the listed keys of `fn_kwargs`.
class BuiltinMeanMetric : public MeanMetricWrapper {
 public:
  BuiltinMeanMetric(std::string class_name, std::string fn_name, MetricFn fn,
                    std::string name, Json fn_kwargs = Json::object(),
                    std::vector<std::string> config_keys = {});
  std::string class_name() const override { return class_name_; }
  Json get_config() const override;
  const Json& fn_kwargs() const { return fn_kwargs_; }

 private:
  std::string class_name_;
  Json fn_kwargs_;
  std::vector<std::string> config_keys_;
};

}  // namespace keras::metrics
