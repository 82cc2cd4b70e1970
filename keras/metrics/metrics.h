// File: keras/metrics/metrics.h
// -----------------------------------------------------------------------------
// Metric lookup and (de)serialization (Python: keras/src/metrics/__init__.py
// and keras/src/trainers/compile_utils.py get_metric), plus every metric
// class keras.cpp implements.
//
//   auto m = keras::metrics::get("mae");               // MeanAbsoluteError
//   auto acc = keras::metrics::get_compile_metric("accuracy");
//   acc->update_state(y_true, y_pred);  // resolves to Binary/Sparse/
//                                       // CategoricalAccuracy named "accuracy"
//   keras::Json record = keras::metrics::serialize(*m);
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>

#include "keras/metrics/accuracy_metrics.h"
#include "keras/metrics/confusion_metrics.h"
#include "keras/metrics/correlation_metrics.h"
#include "keras/metrics/f_score_metrics.h"
#include "keras/metrics/iou_metrics.h"
#include "keras/metrics/metric.h"
#include "keras/metrics/probabilistic_metrics.h"
#include "keras/metrics/reduction_metrics.h"
#include "keras/metrics/regression_metrics.h"

namespace keras::metrics {

// Keras' metrics.get(string): class names and their snake_case forms
// ("BinaryAccuracy", "binary_accuracy", "AUC", "auc", "MeanIoU",
// "mean_io_u", ...) and the aliases "mse", "MSE", "mae", "MAE", "mape",
// "msle", "bce" (and upper case) give a new instance with its default name
// (classes with required arguments, e.g. MeanIoU, throw TypeError). Every
// Keras 3.15 metric class is implemented. Throws ValueError "Could not
// interpret metric identifier: ..." for other strings.
std::shared_ptr<Metric> get(const std::string& identifier);

// What compile() does with a metric string (Keras' compile_utils.get_metric):
// "accuracy"/"acc" (any case) become BinaryAccuracy when y_pred's last
// dimension is 1, SparseCategoricalAccuracy when y_true has lower rank or a
// last dimension of 1, else CategoricalAccuracy; other strings as get(). The
// metric is named `identifier` ("acc", "mae").
std::shared_ptr<Metric> get_compile_metric(const std::string& identifier,
                                           const Shape& y_true_shape,
                                           const Shape& y_pred_shape);

// The same, deciding the accuracy flavour lazily from the first
// update_state()'s shapes (for compile(), which runs before any data is
// seen). Other identifiers resolve immediately.
std::shared_ptr<Metric> get_compile_metric(const std::string& identifier);

// A string (as get()), a function record {"class_name": "function",
// "config": "<fn name>"} (a MeanMetricWrapper of that function) or a class
// record {"module", "class_name", "config", "registered_name"} (by
// class_name).
std::shared_ptr<Metric> deserialize(const Json& record_or_string);

// {"module": "keras.metrics", "class_name", "config", "registered_name":
// null}, or the function record for MeanMetricWrapper::is_function().
Json serialize(const Metric& metric);

}  // namespace keras::metrics
