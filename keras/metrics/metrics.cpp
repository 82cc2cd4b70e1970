#include "keras/metrics/metrics.h"

#include <algorithm>
#include <set>

#include "keras/core/error.h"
#include "keras/losses/losses.h"

namespace keras::metrics {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Keras metric classes keras.cpp does not implement (class and snake names).
bool is_unimplemented_keras_metric(const std::string& id) {
  static const std::set<std::string> names = {
      "RootMeanSquaredError",
      "MeanAbsolutePercentageError",
      "MeanSquaredLogarithmicError",
      "CosineSimilarity",
      "LogCoshError",
      "R2Score",
      "AUC",
      "FalseNegatives",
      "FalsePositives",
      "Precision",
      "PrecisionAtRecall",
      "Recall",
      "RecallAtPrecision",
      "SensitivityAtSpecificity",
      "SpecificityAtSensitivity",
      "TrueNegatives",
      "TruePositives",
      "ConcordanceCorrelation",
      "PearsonCorrelation",
      "Hinge",
      "SquaredHinge",
      "CategoricalHinge",
      "KLDivergence",
      "Poisson",
      "BinaryCrossentropy",
      "CategoricalCrossentropy",
      "SparseCategoricalCrossentropy",
      "TopKCategoricalAccuracy",
      "SparseTopKCategoricalAccuracy",
      "F1Score",
      "FBetaScore",
      "IoU",
      "BinaryIoU",
      "MeanIoU",
      "OneHotIoU",
      "OneHotMeanIoU",
      "root_mean_squared_error",
      "mean_absolute_percentage_error",
      "mean_squared_logarithmic_error",
      "cosine_similarity",
      "log_cosh_error",
      "r2_score",
      "auc",
      "precision",
      "recall",
      "hinge",
      "squared_hinge",
      "categorical_hinge",
      "kl_divergence",
      "poisson",
      "binary_crossentropy",
      "categorical_crossentropy",
      "sparse_categorical_crossentropy",
      "top_k_categorical_accuracy",
      "sparse_top_k_categorical_accuracy",
      "f1_score",
      "f_beta_score",
      "mean_io_u",
      "bce",
      "BCE",
      "mape",
      "MAPE",
      "msle",
      "MSLE"};
  return names.count(id) > 0;
}

// Class name for a get() identifier, or "".
std::string class_for(const std::string& id) {
  static const std::pair<const char*, const char*> table[] = {
      {"Mean", "Mean"},
      {"mean", "Mean"},
      {"Sum", "Sum"},
      {"sum", "Sum"},
      {"MeanSquaredError", "MeanSquaredError"},
      {"mean_squared_error", "MeanSquaredError"},
      {"mse", "MeanSquaredError"},
      {"MSE", "MeanSquaredError"},
      {"MeanAbsoluteError", "MeanAbsoluteError"},
      {"mean_absolute_error", "MeanAbsoluteError"},
      {"mae", "MeanAbsoluteError"},
      {"MAE", "MeanAbsoluteError"},
      {"Accuracy", "Accuracy"},
      {"accuracy", "Accuracy"},
      {"BinaryAccuracy", "BinaryAccuracy"},
      {"binary_accuracy", "BinaryAccuracy"},
      {"CategoricalAccuracy", "CategoricalAccuracy"},
      {"categorical_accuracy", "CategoricalAccuracy"},
      {"SparseCategoricalAccuracy", "SparseCategoricalAccuracy"},
      {"sparse_categorical_accuracy", "SparseCategoricalAccuracy"},
  };
  for (const auto& [key, cls] : table) {
    if (id == key) return cls;
  }
  return "";
}

// A metric function by name (for function records and MeanMetricWrapper).
MetricFn metric_function(const std::string& fn, const Json& kwargs) {
  double threshold = 0.5;
  for (const auto& [key, value] : kwargs.items()) {
    if (fn == "binary_accuracy" && key == "threshold" && value.is_number()) {
      threshold = value.get<double>();
    } else {
      throw TypeError(
          str(fn, "() got an unexpected keyword argument '", key, "'"));
    }
  }
  if (fn == "accuracy") return accuracy;
  if (fn == "binary_accuracy") {
    return [threshold](const Tensor& t, const Tensor& p) {
      return binary_accuracy(t, p, threshold);
    };
  }
  if (fn == "categorical_accuracy") return categorical_accuracy;
  if (fn == "sparse_categorical_accuracy") return sparse_categorical_accuracy;
  if (fn == "mean_squared_error" || fn == "mse" || fn == "MSE") {
    return losses::mean_squared_error;
  }
  if (fn == "mean_absolute_error" || fn == "mae" || fn == "MAE") {
    return losses::mean_absolute_error;
  }
  if (is_unimplemented_keras_metric(fn)) {
    throw NotImplementedError(
        str("Metric function '", fn, "' is not implemented in keras.cpp yet."));
  }
  throw ValueError(str("Could not interpret metric function: ", fn));
}

std::string canonical_fn(const std::string& fn) {
  if (fn == "mse" || fn == "MSE") return "mean_squared_error";
  if (fn == "mae" || fn == "MAE") return "mean_absolute_error";
  return fn;
}

void check_dtype(const std::string& cls, const Json& config) {
  if (!config.contains("dtype")) return;
  const Json& d = config.at("dtype");
  const bool float32 = d.is_null() ||
                       (d.is_string() && d.get<std::string>() == "float32") ||
                       (d.is_object() && d.contains("config") &&
                        d["config"].value("name", "") == "float32");
  if (!float32) {
    throw NotImplementedError(str(
        cls,
        ": only float32 metrics are supported. Received: dtype=", d.dump()));
  }
}

std::shared_ptr<Metric> from_class_config(const std::string& cls,
                                          const Json& config) {
  if (!config.is_object()) {
    throw TypeError(
        str("Config of ", cls, " must be a dict. Received: ", config.dump()));
  }
  check_dtype(cls, config);
  std::string name;
  if (config.contains("name") && config.at("name").is_string()) {
    name = config.at("name").get<std::string>();
  }
  std::set<std::string> allowed = {"name", "dtype"};
  std::shared_ptr<Metric> metric;
  auto named = [&](auto make, const char* default_name) {
    return make(name.empty() ? std::string(default_name) : name);
  };
  if (cls == "Mean") {
    metric =
        named([](std::string n) { return std::make_shared<Mean>(n); }, "mean");
  } else if (cls == "Sum") {
    metric =
        named([](std::string n) { return std::make_shared<Sum>(n); }, "sum");
  } else if (cls == "MeanSquaredError") {
    metric = named(
        [](std::string n) { return std::make_shared<MeanSquaredError>(n); },
        "mean_squared_error");
  } else if (cls == "MeanAbsoluteError") {
    metric = named(
        [](std::string n) { return std::make_shared<MeanAbsoluteError>(n); },
        "mean_absolute_error");
  } else if (cls == "Accuracy") {
    metric = named([](std::string n) { return std::make_shared<Accuracy>(n); },
                   "accuracy");
  } else if (cls == "CategoricalAccuracy") {
    metric = named(
        [](std::string n) { return std::make_shared<CategoricalAccuracy>(n); },
        "categorical_accuracy");
  } else if (cls == "SparseCategoricalAccuracy") {
    metric = named(
        [](std::string n) {
          return std::make_shared<SparseCategoricalAccuracy>(n);
        },
        "sparse_categorical_accuracy");
  } else if (cls == "BinaryAccuracy") {
    BinaryAccuracyOptions o;
    if (!name.empty()) o.name = name;
    if (config.contains("threshold")) {
      if (!config.at("threshold").is_number()) {
        throw TypeError(
            str("BinaryAccuracy: `threshold` must be a number. "
                "Received: threshold=",
                config.at("threshold").dump()));
      }
      o.threshold = config.at("threshold").get<double>();
    }
    allowed.insert("threshold");
    metric = std::make_shared<BinaryAccuracy>(o);
  } else if (cls == "MeanMetricWrapper") {
    if (!config.contains("fn")) {
      throw TypeError(
          "MeanMetricWrapper.__init__() missing 1 required positional "
          "argument: 'fn'");
    }
    const Json& fn_record = config.at("fn");
    std::string fn;
    if (fn_record.is_string()) {
      fn = fn_record.get<std::string>();
    } else if (fn_record.is_object() && fn_record.contains("config") &&
               fn_record.at("config").is_string()) {
      fn = fn_record.at("config").get<std::string>();
    }
    Json kwargs = Json::object();
    for (const auto& [key, value] : config.items()) {
      if (key != "name" && key != "dtype" && key != "fn") kwargs[key] = value;
    }
    MetricFn f = metric_function(fn, kwargs);
    return std::make_shared<MeanMetricWrapper>(canonical_fn(fn), f, name,
                                               kwargs);
  } else if (is_unimplemented_keras_metric(cls)) {
    throw NotImplementedError(
        str("Metric '", cls, "' is not implemented in keras.cpp yet."));
  } else {
    throw TypeError(
        str("Could not locate class '", cls,
            "'. Make sure custom classes and functions are decorated with "
            "`@keras.saving.register_keras_serializable()`."));
  }
  for (const auto& [key, value] : config.items()) {
    if (!allowed.count(key)) {
      throw TypeError(str(cls,
                          ".__init__() got an unexpected keyword "
                          "argument '",
                          key, "'"));
    }
  }
  return metric;
}

// compile()'s "accuracy": picks its flavour from the first batch's shapes.
class DeferredAccuracy : public Metric {
 public:
  explicit DeferredAccuracy(std::string name) : Metric(std::move(name)) {}

  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override {
    if (!resolved_) {
      resolved_ = get_compile_metric(name(), y_true.shape(), y_pred.shape());
    }
    resolved_->update_state(y_true, y_pred, sample_weight);
  }
  Tensor result() const override {
    return resolved_ ? resolved_->result() : Tensor::scalar(0.0);
  }
  void reset_state() override {
    if (resolved_) resolved_->reset_state();
  }
  std::string class_name() const override {
    return resolved_ ? resolved_->class_name() : "Accuracy";
  }
  Json get_config() const override {
    if (!resolved_) return Metric::get_config();
    Json config = resolved_->get_config();
    config["name"] = name();
    return config;
  }

 private:
  std::shared_ptr<Metric> resolved_;
};

bool is_accuracy_string(const std::string& id) {
  const std::string l = lower(id);
  return l == "accuracy" || l == "acc";
}

}  // namespace

std::shared_ptr<Metric> get(const std::string& identifier) {
  const std::string cls = class_for(identifier);
  if (!cls.empty()) return from_class_config(cls, Json::object());
  if (identifier == "MeanMetricWrapper") {
    throw TypeError(
        "MeanMetricWrapper.__init__() missing 1 required positional "
        "argument: 'fn'");
  }
  if (is_unimplemented_keras_metric(identifier)) {
    throw NotImplementedError(
        str("Metric '", identifier, "' is not implemented in keras.cpp yet."));
  }
  throw ValueError(str("Could not interpret metric identifier: ", identifier));
}

std::shared_ptr<Metric> get_compile_metric(const std::string& identifier,
                                           const Shape& y_true_shape,
                                           const Shape& y_pred_shape) {
  std::shared_ptr<Metric> metric;
  if (is_accuracy_string(identifier)) {
    if (y_true_shape.empty() || y_pred_shape.empty()) {
      throw ValueError(str("Cannot resolve metric '", identifier,
                           "' for scalar targets or predictions."));
    }
    const std::int64_t t_last = y_true_shape.back();
    const std::int64_t p_last = y_pred_shape.back();
    const bool is_binary = p_last == 1;
    const bool is_sparse = y_true_shape.size() < y_pred_shape.size() ||
                           (t_last == 1 && p_last > 1);
    if (is_binary) {
      metric = std::make_shared<BinaryAccuracy>(
          BinaryAccuracyOptions{.name = identifier});
    } else if (is_sparse) {
      metric = std::make_shared<SparseCategoricalAccuracy>(identifier);
    } else {
      metric = std::make_shared<CategoricalAccuracy>(identifier);
    }
  } else {
    metric = get(identifier);
  }
  metric->set_name(identifier);
  return metric;
}

std::shared_ptr<Metric> get_compile_metric(const std::string& identifier) {
  if (is_accuracy_string(identifier)) {
    return std::make_shared<DeferredAccuracy>(identifier);
  }
  auto metric = get(identifier);
  metric->set_name(identifier);
  return metric;
}

std::shared_ptr<Metric> deserialize(const Json& record) {
  if (record.is_string()) return get(record.get<std::string>());
  if (!record.is_object() || !record.contains("class_name") ||
      !record.at("class_name").is_string()) {
    throw ValueError(
        str("Could not interpret metric identifier: ", record.dump()));
  }
  const std::string cls = record.at("class_name").get<std::string>();
  const Json config =
      record.contains("config") ? record.at("config") : Json::object();
  if (cls == "function") {
    if (!config.is_string()) {
      throw ValueError(
          str("Could not interpret metric identifier: ", record.dump()));
    }
    const std::string fn = config.get<std::string>();
    auto wrapper = std::make_shared<MeanMetricWrapper>(
        canonical_fn(fn), metric_function(fn, Json::object()), fn);
    wrapper->set_is_function(true);
    return wrapper;
  }
  return from_class_config(cls, config);
}

Json serialize(const Metric& metric) {
  if (const auto* w = dynamic_cast<const MeanMetricWrapper*>(&metric);
      w && w->is_function()) {
    return losses::function_record(w->fn_name());
  }
  Json record = Json::object();
  record["module"] = "keras.metrics";
  record["class_name"] = metric.class_name();
  record["config"] = metric.get_config();
  record["registered_name"] = nullptr;
  return record;
}

}  // namespace keras::metrics
