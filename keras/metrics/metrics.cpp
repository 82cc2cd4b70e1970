#include "keras/metrics/metrics.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "keras/core/error.h"
#include "keras/losses/internal/loss_utils.h"
#include "keras/losses/losses.h"
#include "keras/utils/json_utils.h"
#include "keras/utils/naming.h"

namespace keras::metrics {

namespace {

using losses::internal::dtype_name_of;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Strict reading of a metric class config: every key must be one of the
// class' constructor arguments (Python's cls(**config) raises otherwise).
class MetricConfig {
 public:
  MetricConfig(std::string cls, const Json& config)
      : cls_(std::move(cls)), config_(config) {
    if (!config_.is_object()) {
      throw TypeError(str("Config of ", cls_,
                          " must be a dict. Received: ", config_.dump()));
    }
  }
  std::string name(const std::string& fallback) {
    const Json* v = take("name");
    if (!v || v->is_null()) return fallback;
    if (!v->is_string()) bad("name", "a string", *v);
    return v->get<std::string>();
  }
  void dtype(const char* expected = "float32") {
    const Json* v = take("dtype");
    if (v && !v->is_null() && dtype_name_of(*v) != expected) {
      throw NotImplementedError(str(cls_, ": only ", expected,
                                    " metrics are supported. Received: "
                                    "dtype=",
                                    v->dump()));
    }
  }
  bool boolean(const char* key, bool fallback) {
    const Json* v = take(key);
    if (!v) return fallback;
    if (!v->is_boolean()) bad(key, "a boolean", *v);
    return v->get<bool>();
  }
  double number(const char* key, double fallback) {
    const auto v = optional_number(key);
    return v ? *v : fallback;
  }
  std::optional<double> optional_number(const char* key) {
    const Json* v = take(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number() || v->is_boolean()) bad(key, "a number", *v);
    return v->get<double>();
  }
  std::int64_t integer(const char* key, std::int64_t fallback) {
    const auto v = optional_integer(key);
    return v ? *v : fallback;
  }
  std::int64_t required_integer(const char* key) {
    const auto v = optional_integer(key);
    if (!v) {
      throw TypeError(str(cls_,
                          ".__init__() missing 1 required positional "
                          "argument: '",
                          key, "'"));
    }
    return *v;
  }
  std::optional<std::int64_t> optional_integer(const char* key) {
    const Json* v = take(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number_integer()) bad(key, "an integer", *v);
    return integer_of<std::int64_t>(*v);
  }
  std::optional<std::string> optional_string(const char* key,
                                             std::optional<std::string> fb) {
    const Json* v = take(key);
    if (!v) return fb;
    if (v->is_null()) return std::nullopt;
    if (!v->is_string()) bad(key, "a string", *v);
    return v->get<std::string>();
  }
  std::optional<std::vector<double>> optional_numbers(const char* key) {
    const Json* v = take(key);
    if (!v || v->is_null()) return std::nullopt;
    std::vector<double> out;
    const Json list = v->is_array() ? *v : Json::array({*v});
    for (const Json& e : list) {
      if (!e.is_number() || e.is_boolean()) bad(key, "a list of numbers", *v);
      out.push_back(e.get<double>());
    }
    return out;
  }
  std::vector<std::int64_t> integers(const char* key,
                                     std::vector<std::int64_t> fallback) {
    const Json* v = take(key);
    if (!v) return fallback;
    std::vector<std::int64_t> out;
    if (!v->is_array()) bad(key, "a list of integers", *v);
    for (const Json& e : *v) {
      if (!e.is_number_integer()) bad(key, "a list of integers", *v);
      out.push_back(integer_of<std::int64_t>(e));
    }
    return out;
  }
  Json raw(const char* key, Json fallback) {
    const Json* v = take(key);
    return v ? *v : fallback;
  }
  // The keys not read (MeanMetricWrapper's function arguments).
  Json rest() {
    Json out = Json::object();
    for (const auto& [key, value] : config_.items()) {
      if (!used_.count(key)) out[key] = value;
    }
    used_.clear();
    for (const auto& [key, value] : config_.items()) used_.insert(key);
    return out;
  }
  template <class M>
  std::shared_ptr<Metric> finish(std::shared_ptr<M> metric) {
    for (const auto& [key, value] : config_.items()) {
      if (!used_.count(key)) {
        throw TypeError(str(cls_,
                            ".__init__() got an unexpected keyword "
                            "argument '",
                            key, "'"));
      }
    }
    return metric;
  }

 private:
  const Json* take(const char* key) {
    if (!config_.contains(key)) return nullptr;
    used_.insert(key);
    return &config_.at(key);
  }
  [[noreturn]] void bad(const std::string& key, const char* expected,
                        const Json& value) {
    throw TypeError(str(cls_, ": argument `", key, "` must be ", expected,
                        ". Received: ", key, "=", value.dump()));
  }

  std::string cls_;
  const Json& config_;
  std::set<std::string> used_;
};

using Factory = std::function<std::shared_ptr<Metric>(MetricConfig&)>;

// A class whose constructor takes only name (and dtype).
template <class M>
Factory named(const char* default_name) {
  return [default_name](MetricConfig& c) {
    auto m = std::make_shared<M>(c.name(default_name));
    c.dtype();
    return c.finish(m);
  };
}

template <class M>
Factory confusion_count() {
  return [](MetricConfig& c) {
    ConfusionCountOptions o;
    o.name = c.name("");
    c.dtype();
    o.thresholds = c.raw("thresholds", nullptr);
    return c.finish(std::make_shared<M>(o));
  };
}

template <class M>
Factory precision_recall() {
  return [](MetricConfig& c) {
    PrecisionRecallOptions o;
    o.name = c.name("");
    c.dtype();
    o.thresholds = c.raw("thresholds", nullptr);
    o.top_k = c.optional_integer("top_k");
    o.class_id = c.optional_integer("class_id");
    return c.finish(std::make_shared<M>(o));
  };
}

template <class M>
Factory at_value(const char* value_key) {
  return [value_key](MetricConfig& c) {
    AtValueOptions o;
    o.name = c.name("");
    c.dtype();
    const auto value = c.optional_number(value_key);
    if (!value) {
      throw TypeError(
          str("__init__() missing 1 required positional "
              "argument: '",
              value_key, "'"));
    }
    o.value = *value;
    o.num_thresholds = c.integer("num_thresholds", 200);
    o.class_id = c.optional_integer("class_id");
    return c.finish(std::make_shared<M>(o));
  };
}

template <class M>
Factory with_axis(const char* default_name) {
  return [default_name](MetricConfig& c) {
    const std::string name = c.name(default_name);
    c.dtype();
    return c.finish(std::make_shared<M>(name, c.integer("axis", -1)));
  };
}

const std::map<std::string, Factory>& factories() {
  static const std::map<std::string, Factory> table = {
      {"Mean", named<Mean>("mean")},
      {"Sum", named<Sum>("sum")},
      {"MeanSquaredError", named<MeanSquaredError>("mean_squared_error")},
      {"MeanAbsoluteError", named<MeanAbsoluteError>("mean_absolute_error")},
      {"MeanAbsolutePercentageError",
       named<MeanAbsolutePercentageError>("mean_absolute_percentage_error")},
      {"MeanSquaredLogarithmicError",
       named<MeanSquaredLogarithmicError>("mean_squared_logarithmic_error")},
      {"LogCoshError", named<LogCoshError>("logcosh")},
      {"RootMeanSquaredError",
       named<RootMeanSquaredError>("root_mean_squared_error")},
      {"KLDivergence", named<KLDivergence>("kl_divergence")},
      {"Poisson", named<Poisson>("poisson")},
      {"Hinge", named<Hinge>("hinge")},
      {"SquaredHinge", named<SquaredHinge>("squared_hinge")},
      {"CategoricalHinge", named<CategoricalHinge>("categorical_hinge")},
      {"Accuracy", named<Accuracy>("accuracy")},
      {"CategoricalAccuracy",
       named<CategoricalAccuracy>("categorical_accuracy")},
      {"SparseCategoricalAccuracy",
       named<SparseCategoricalAccuracy>("sparse_categorical_accuracy")},
      {"CosineSimilarity", with_axis<CosineSimilarity>("cosine_similarity")},
      {"PearsonCorrelation",
       with_axis<PearsonCorrelation>("pearson_correlation")},
      {"ConcordanceCorrelation",
       with_axis<ConcordanceCorrelation>("concordance_correlation")},
      {"SensitivityAtSpecificity",
       at_value<SensitivityAtSpecificity>("specificity")},
      {"SpecificityAtSensitivity",
       at_value<SpecificityAtSensitivity>("sensitivity")},
      {"PrecisionAtRecall", at_value<PrecisionAtRecall>("recall")},
      {"RecallAtPrecision", at_value<RecallAtPrecision>("precision")},
      {"BinaryAccuracy",
       [](MetricConfig& c) {
         BinaryAccuracyOptions o;
         o.name = c.name(o.name);
         c.dtype();
         o.threshold = c.number("threshold", o.threshold);
         return c.finish(std::make_shared<BinaryAccuracy>(o));
       }},
      {"TopKCategoricalAccuracy",
       [](MetricConfig& c) {
         TopKCategoricalAccuracyOptions o;
         o.name = c.name(o.name);
         c.dtype();
         o.k = c.integer("k", o.k);
         return c.finish(std::make_shared<TopKCategoricalAccuracy>(o));
       }},
      {"SparseTopKCategoricalAccuracy",
       [](MetricConfig& c) {
         SparseTopKCategoricalAccuracyOptions o;
         o.name = c.name(o.name);
         c.dtype();
         o.k = c.integer("k", o.k);
         o.from_sorted_ids = c.boolean("from_sorted_ids", false);
         return c.finish(std::make_shared<SparseTopKCategoricalAccuracy>(o));
       }},
      {"BinaryCrossentropy",
       [](MetricConfig& c) {
         BinaryCrossentropyMetricOptions o;
         o.name = c.name(o.name);
         c.dtype();
         o.from_logits = c.boolean("from_logits", false);
         o.label_smoothing = c.number("label_smoothing", 0);
         return c.finish(std::make_shared<BinaryCrossentropy>(o));
       }},
      {"CategoricalCrossentropy",
       [](MetricConfig& c) {
         CategoricalCrossentropyMetricOptions o;
         o.name = c.name(o.name);
         c.dtype();
         o.from_logits = c.boolean("from_logits", false);
         o.label_smoothing = c.number("label_smoothing", 0);
         o.axis = c.integer("axis", -1);
         return c.finish(std::make_shared<CategoricalCrossentropy>(o));
       }},
      {"SparseCategoricalCrossentropy",
       [](MetricConfig& c) {
         SparseCategoricalCrossentropyMetricOptions o;
         o.name = c.name(o.name);
         c.dtype();
         o.from_logits = c.boolean("from_logits", false);
         o.ignore_class = c.optional_integer("ignore_class");
         o.axis = c.integer("axis", -1);
         return c.finish(std::make_shared<SparseCategoricalCrossentropy>(o));
       }},
      {"TruePositives", confusion_count<TruePositives>()},
      {"FalsePositives", confusion_count<FalsePositives>()},
      {"TrueNegatives", confusion_count<TrueNegatives>()},
      {"FalseNegatives", confusion_count<FalseNegatives>()},
      {"Precision", precision_recall<Precision>()},
      {"Recall", precision_recall<Recall>()},
      {"AUC",
       [](MetricConfig& c) {
         AUCOptions o;
         o.name = c.name("");
         c.dtype();
         o.num_thresholds = c.integer("num_thresholds", o.num_thresholds);
         o.curve = c.optional_string("curve", o.curve).value_or("ROC");
         o.summation_method =
             c.optional_string("summation_method", o.summation_method)
                 .value_or("interpolation");
         o.thresholds = c.optional_numbers("thresholds");
         o.multi_label = c.boolean("multi_label", false);
         o.num_labels = c.optional_integer("num_labels");
         o.label_weights = c.optional_numbers("label_weights");
         o.from_logits = c.boolean("from_logits", false);
         return c.finish(std::make_shared<AUC>(o));
       }},
      {"F1Score",
       [](MetricConfig& c) {
         F1ScoreOptions o;
         o.name = c.name(o.name);
         c.dtype();
         o.average = c.optional_string("average", std::nullopt);
         o.threshold = c.optional_number("threshold");
         return c.finish(std::make_shared<F1Score>(o));
       }},
      {"FBetaScore",
       [](MetricConfig& c) {
         FBetaScoreOptions o;
         o.name = c.name(o.name);
         c.dtype();
         o.average = c.optional_string("average", std::nullopt);
         o.beta = c.number("beta", 1.0);
         o.threshold = c.optional_number("threshold");
         return c.finish(std::make_shared<FBetaScore>(o));
       }},
      {"R2Score",
       [](MetricConfig& c) {
         R2ScoreOptions o;
         o.name = c.name(o.name);
         c.dtype();
         o.class_aggregation =
             c.optional_string("class_aggregation", o.class_aggregation);
         o.num_regressors = c.integer("num_regressors", 0);
         return c.finish(std::make_shared<R2Score>(o));
       }},
      {"IoU",
       [](MetricConfig& c) {
         IoUOptions o;
         o.name = c.name("");
         c.dtype("int32");
         o.num_classes = c.required_integer("num_classes");
         o.target_class_ids = c.integers("target_class_ids", {});
         o.ignore_class = c.optional_integer("ignore_class");
         o.sparse_y_true = c.boolean("sparse_y_true", true);
         o.sparse_y_pred = c.boolean("sparse_y_pred", true);
         o.axis = c.integer("axis", -1);
         return c.finish(std::make_shared<IoU>(o));
       }},
      {"MeanIoU",
       [](MetricConfig& c) {
         MeanIoUOptions o;
         o.name = c.name("");
         c.dtype("int32");
         o.num_classes = c.required_integer("num_classes");
         o.ignore_class = c.optional_integer("ignore_class");
         o.sparse_y_true = c.boolean("sparse_y_true", true);
         o.sparse_y_pred = c.boolean("sparse_y_pred", true);
         o.axis = c.integer("axis", -1);
         return c.finish(std::make_shared<MeanIoU>(o));
       }},
      {"BinaryIoU",
       [](MetricConfig& c) {
         BinaryIoUOptions o;
         o.name = c.name("");
         c.dtype("int32");
         o.target_class_ids = c.integers("target_class_ids", {0, 1});
         o.threshold = c.number("threshold", 0.5);
         return c.finish(std::make_shared<BinaryIoU>(o));
       }},
      {"OneHotIoU",
       [](MetricConfig& c) {
         OneHotIoUOptions o;
         o.name = c.name("");
         c.dtype("int32");
         o.num_classes = c.required_integer("num_classes");
         o.target_class_ids = c.integers("target_class_ids", {});
         o.ignore_class = c.optional_integer("ignore_class");
         o.sparse_y_pred = c.boolean("sparse_y_pred", false);
         o.axis = c.integer("axis", -1);
         return c.finish(std::make_shared<OneHotIoU>(o));
       }},
      {"OneHotMeanIoU",
       [](MetricConfig& c) {
         OneHotMeanIoUOptions o;
         o.name = c.name("");
         c.dtype("int32");
         o.num_classes = c.required_integer("num_classes");
         o.ignore_class = c.optional_integer("ignore_class");
         o.sparse_y_pred = c.boolean("sparse_y_pred", false);
         o.axis = c.integer("axis", -1);
         return c.finish(std::make_shared<OneHotMeanIoU>(o));
       }},
  };
  return table;
}

// Class name for a get() identifier (class name, its snake_case form or a
// Keras alias), or "".
std::string class_for(const std::string& id) {
  static const std::map<std::string, std::string> aliases = {
      {"bce", "BinaryCrossentropy"},
      {"BCE", "BinaryCrossentropy"},
      {"mse", "MeanSquaredError"},
      {"MSE", "MeanSquaredError"},
      {"mae", "MeanAbsoluteError"},
      {"MAE", "MeanAbsoluteError"},
      {"mape", "MeanAbsolutePercentageError"},
      {"MAPE", "MeanAbsolutePercentageError"},
      {"msle", "MeanSquaredLogarithmicError"},
      {"MSLE", "MeanSquaredLogarithmicError"}};
  if (const auto it = aliases.find(id); it != aliases.end()) return it->second;
  for (const auto& [cls, factory] : factories()) {
    if (id == cls || id == utils::to_snake_case(cls)) return cls;
  }
  return "";
}

// A metric function by name (function records and MeanMetricWrapper): the
// accuracy functions, or a keras.losses function.
MetricFn metric_function(const std::string& fn, const Json& kwargs) {
  auto reject_unknown = [&](std::set<std::string> allowed) {
    for (const auto& [key, value] : kwargs.items()) {
      if (!allowed.count(key)) {
        throw TypeError(
            str(fn, "() got an unexpected keyword argument '", key, "'"));
      }
    }
  };
  if (fn == "accuracy" || fn == "categorical_accuracy" ||
      fn == "sparse_categorical_accuracy") {
    reject_unknown({});
    if (fn == "accuracy") return accuracy;
    if (fn == "categorical_accuracy") return categorical_accuracy;
    return sparse_categorical_accuracy;
  }
  if (fn == "binary_accuracy") {
    reject_unknown({"threshold"});
    const double threshold = kwargs.value("threshold", 0.5);
    return [threshold](const Tensor& t, const Tensor& p) {
      return binary_accuracy(t, p, threshold);
    };
  }
  if (fn == "top_k_categorical_accuracy" ||
      fn == "sparse_top_k_categorical_accuracy") {
    reject_unknown({"k", "from_sorted_ids"});
    const std::int64_t k = integer_value<std::int64_t>(kwargs, "k", 5);
    const bool sorted = kwargs.value("from_sorted_ids", false);
    if (fn == "top_k_categorical_accuracy") {
      return [k](const Tensor& t, const Tensor& p) {
        return top_k_categorical_accuracy(t, p, k);
      };
    }
    return [k, sorted](const Tensor& t, const Tensor& p) {
      return sparse_top_k_categorical_accuracy(t, p, k, sorted);
    };
  }
  if (fn == "pearson_correlation" || fn == "concordance_correlation") {
    reject_unknown({"axis"});
    const std::int64_t axis = integer_value<std::int64_t>(kwargs, "axis", -1);
    if (fn == "pearson_correlation") {
      return [axis](const Tensor& t, const Tensor& p) {
        return pearson_correlation(t, p, axis);
      };
    }
    return [axis](const Tensor& t, const Tensor& p) {
      return concordance_correlation(t, p, axis);
    };
  }
  static const std::map<std::string, std::string> aliases = {
      {"mse", "mean_squared_error"},
      {"MSE", "mean_squared_error"},
      {"mae", "mean_absolute_error"},
      {"MAE", "mean_absolute_error"}};
  const auto alias = aliases.find(fn);
  return losses::make_loss_function(alias == aliases.end() ? fn : alias->second,
                                    kwargs);
}

std::string canonical_fn(const std::string& fn) {
  if (fn == "mse" || fn == "MSE") return "mean_squared_error";
  if (fn == "mae" || fn == "MAE") return "mean_absolute_error";
  return fn;
}

std::shared_ptr<Metric> wrapper_from_config(const Json& config) {
  MetricConfig c("MeanMetricWrapper", config);
  const std::string name = c.name("");
  c.dtype();
  const Json fn_record = c.raw("fn", nullptr);
  if (fn_record.is_null()) {
    throw TypeError(
        "MeanMetricWrapper.__init__() missing 1 required positional "
        "argument: 'fn'");
  }
  std::string fn;
  if (fn_record.is_string()) {
    fn = fn_record.get<std::string>();
  } else if (fn_record.is_object() && fn_record.contains("config") &&
             fn_record.at("config").is_string()) {
    fn = fn_record.at("config").get<std::string>();
  }
  const Json kwargs = c.rest();
  MetricFn f = metric_function(fn, kwargs);
  return std::make_shared<MeanMetricWrapper>(canonical_fn(fn), f, name, kwargs);
}

std::shared_ptr<Metric> from_class_config(const std::string& cls,
                                          const Json& config) {
  if (cls == "MeanMetricWrapper") return wrapper_from_config(config);
  const auto& table = factories();
  if (const auto it = table.find(cls); it != table.end()) {
    MetricConfig reader(cls, config);
    return it->second(reader);
  }
  throw TypeError(
      str("Could not locate class '", cls,
          "'. Make sure custom classes and functions are decorated with "
          "`@keras.saving.register_keras_serializable()`."));
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
  if (identifier == "MeanMetricWrapper" ||
      identifier == "mean_metric_wrapper") {
    throw TypeError(
        "MeanMetricWrapper.__init__() missing 1 required positional "
        "argument: 'fn'");
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
