// File: keras/metrics/metric.h
// -----------------------------------------------------------------------------
// keras::metrics::Metric: the base class of stateful metrics (Python:
// keras.metrics.Metric, keras/src/metrics/metric.py). A metric accumulates
// state variables over update_state() calls; result() computes the value
// from them; reset_state() zeroes them (fit() does so every epoch).
//
// State variables are float32 (IoU: int32) scalars or small tensors named
// like Keras' ("total", "count", "true_positives"), with path
// "<metric name>/<variable>", in Keras' creation order. Metric state is
// never saved in Keras 3 files. Metrics do not record gradients.
//
//   auto acc = std::make_shared<keras::metrics::BinaryAccuracy>();
//   acc->update_state(y_true, y_pred);
//   double value = acc->result().item();
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/backend/tensor.h"
#include "keras/backend/variable.h"
#include "keras/core/json.h"

namespace keras::metrics {

class Metric {
 public:
  virtual ~Metric();
  Metric(const Metric&) = delete;
  Metric& operator=(const Metric&) = delete;

  // Accumulates one batch. `sample_weight` may be undefined.
  virtual void update_state(const Tensor& y_true, const Tensor& y_pred,
                            const Tensor& sample_weight = {}) = 0;
  // The current value (a float32 tensor, usually a scalar).
  virtual Tensor result() const = 0;
  // Zeroes every state variable.
  virtual void reset_state();

  const std::string& name() const { return name_; }
  // compile() renames metrics given as strings ("acc", "mae").
  void set_name(std::string name) { name_ = std::move(name); }
  // Keras' metric dtype name (keras.cpp metrics compute in float32).
  const std::string& dtype() const { return dtype_; }
  // Keras' class name ("BinaryAccuracy").
  virtual std::string class_name() const = 0;
  // {"name": ..., "dtype": "float32"}; subclasses add their arguments.
  virtual Json get_config() const;
  const Variables& variables() const { return variables_; }

 protected:
  // `dtype`: Keras' metric dtype name ("float32"; IoU metrics use
  // "int32").
  explicit Metric(std::string name, std::string dtype = "float32");
  // A zero-initialised state variable named `name` (Keras' add_variable).
  VariablePtr add_variable(const Shape& shape, const std::string& name,
                           DType dtype = DType::float32);

 private:
  std::string name_;
  std::string dtype_ = "float32";
  Variables variables_;
};

}  // namespace keras::metrics
