#include "keras/losses/losses.h"

#include <algorithm>
#include <array>
#include <set>

#include "keras/core/error.h"
#include "keras/ops/core.h"
#include "keras/ops/nn.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"
#include "keras/utils/naming.h"

namespace keras::losses {

namespace {

// Keras' backend.epsilon().
constexpr double kEpsilon = 1e-7;

Tensor cast_to(const Tensor& x, DType dtype) {
  return x.dtype() == dtype ? x : ops::cast(x, dtype);
}

// Keras converts y_pred to a tensor (floats stay, other dtypes -> float32).
Tensor float_pred(const Tensor& y_pred) {
  return is_float(y_pred.dtype()) && y_pred.dtype() != DType::bfloat16 &&
                 y_pred.dtype() != DType::float16
             ? y_pred
             : ops::cast(y_pred, DType::float32);
}

void check_same_shape(const char* what, const Tensor& target,
                      const Tensor& output) {
  if (target.shape() != output.shape()) {
    throw ValueError(str(what,
                         ": Arguments `target` and `output` must have the same "
                         "shape. Received: target.shape=",
                         shape_str(target.shape()),
                         ", output.shape=", shape_str(output.shape())));
  }
}

// Keras losses that keras.cpp does not implement (for a clearer error).
bool is_unimplemented_keras_loss(const std::string& id) {
  static const std::set<std::string> names = {
      "KLDivergence",
      "Poisson",
      "BinaryFocalCrossentropy",
      "CategoricalFocalCrossentropy",
      "MeanAbsolutePercentageError",
      "MeanSquaredLogarithmicError",
      "CosineSimilarity",
      "LogCosh",
      "Huber",
      "Hinge",
      "SquaredHinge",
      "CategoricalHinge",
      "Dice",
      "Tversky",
      "Circle",
      "CTC",
      "CategoricalGeneralizedCrossEntropy",
      "kl_divergence",
      "poisson",
      "binary_focal_crossentropy",
      "categorical_focal_crossentropy",
      "mean_absolute_percentage_error",
      "mean_squared_logarithmic_error",
      "cosine_similarity",
      "log_cosh",
      "huber",
      "hinge",
      "squared_hinge",
      "categorical_hinge",
      "dice",
      "tversky",
      "circle",
      "ctc",
      "categorical_generalized_cross_entropy",
      "kld",
      "KLD",
      "mape",
      "MAPE",
      "msle",
      "MSLE"};
  return names.count(id) > 0;
}

// The canonical function name for a function identifier, or "".
std::string function_name(const std::string& id) {
  if (id == "mse" || id == "MSE" || id == "mean_squared_error") {
    return "mean_squared_error";
  }
  if (id == "mae" || id == "MAE" || id == "mean_absolute_error") {
    return "mean_absolute_error";
  }
  if (id == "bce" || id == "BCE" || id == "binary_crossentropy") {
    return "binary_crossentropy";
  }
  if (id == "categorical_crossentropy" ||
      id == "sparse_categorical_crossentropy") {
    return id;
  }
  return "";
}

// Reads the keyword arguments Keras' crossentropy functions take.
struct FnKwargs {
  bool from_logits = false;
  double label_smoothing = 0.0;
  std::int64_t axis = -1;
  std::optional<std::int64_t> ignore_class;
};

FnKwargs read_fn_kwargs(const std::string& fn, const Json& kwargs) {
  FnKwargs k;
  for (const auto& [key, value] : kwargs.items()) {
    const bool crossentropy = fn.find("crossentropy") != std::string::npos;
    const bool sparse = fn == "sparse_categorical_crossentropy";
    if (crossentropy && key == "from_logits" && value.is_boolean()) {
      k.from_logits = value.get<bool>();
    } else if (crossentropy && !sparse && key == "label_smoothing" &&
               value.is_number()) {
      k.label_smoothing = value.get<double>();
    } else if (crossentropy && key == "axis" && value.is_number_integer()) {
      k.axis = value.get<std::int64_t>();
    } else if (sparse && key == "ignore_class" &&
               (value.is_null() || value.is_number_integer())) {
      if (!value.is_null()) k.ignore_class = value.get<std::int64_t>();
    } else {
      throw TypeError(str(fn, "() got an unexpected keyword argument '", key,
                          "' (value ", value.dump(), ")"));
    }
  }
  return k;
}

LossFn make_function(const std::string& fn, const Json& kwargs) {
  const FnKwargs k = read_fn_kwargs(fn, kwargs);
  if (fn == "mean_squared_error") return mean_squared_error;
  if (fn == "mean_absolute_error") return mean_absolute_error;
  if (fn == "binary_crossentropy") {
    return [k](const Tensor& t, const Tensor& p) {
      return binary_crossentropy(t, p, k.from_logits, k.label_smoothing,
                                 k.axis);
    };
  }
  if (fn == "categorical_crossentropy") {
    return [k](const Tensor& t, const Tensor& p) {
      return categorical_crossentropy(t, p, k.from_logits, k.label_smoothing,
                                      k.axis);
    };
  }
  if (fn == "sparse_categorical_crossentropy") {
    return [k](const Tensor& t, const Tensor& p) {
      return sparse_categorical_crossentropy(t, p, k.from_logits,
                                             k.ignore_class, k.axis);
    };
  }
  throw ValueError(str("Could not interpret loss identifier: ", fn));
}

std::shared_ptr<LossFunctionWrapper> make_bare_function(
    const std::string& fn, const std::string& name) {
  auto loss = std::make_shared<LossFunctionWrapper>(
      fn, make_function(fn, Json::object()), "sum_over_batch_size", name);
  loss->set_is_function(true);
  return loss;
}

// Reads a class config ({"name", "reduction", ...}) strictly: unknown keys
// are an error, as Python's cls(**config) would raise.
class ConfigReader {
 public:
  ConfigReader(const std::string& cls, const Json& config)
      : cls_(cls), config_(config) {
    if (!config_.is_object()) {
      throw TypeError(str("Config of ", cls,
                          " must be a dict. Received: ", config_.dump()));
    }
  }
  void read(const char* key, std::string& out) {
    if (!take(key)) return;
    if (!value_.is_string()) bad(key);
    out = value_.get<std::string>();
  }
  void read(const char* key, Reduction& out) {
    if (!take(key)) return;
    if (value_.is_null()) {
      out.reset();
    } else if (value_.is_string()) {
      out = value_.get<std::string>();
    } else {
      bad(key);
    }
  }
  void read(const char* key, bool& out) {
    if (!take(key)) return;
    if (!value_.is_boolean()) bad(key);
    out = value_.get<bool>();
  }
  void read(const char* key, double& out) {
    if (!take(key)) return;
    if (!value_.is_number()) bad(key);
    out = value_.get<double>();
  }
  void read(const char* key, std::int64_t& out) {
    if (!take(key)) return;
    if (!value_.is_number_integer()) bad(key);
    out = value_.get<std::int64_t>();
  }
  void read(const char* key, std::optional<std::int64_t>& out) {
    if (!take(key)) return;
    if (value_.is_null()) {
      out.reset();
    } else if (value_.is_number_integer()) {
      out = value_.get<std::int64_t>();
    } else {
      bad(key);
    }
  }
  void finish() {
    // Losses accept a dtype argument; keras.cpp computes in float32.
    if (config_.contains("dtype") && !used_.count("dtype")) {
      const Json& d = config_.at("dtype");
      const bool float32 =
          d.is_null() || (d.is_string() && d.get<std::string>() == "float32") ||
          (d.is_object() && d.contains("config") &&
           d["config"].value("name", "") == "float32");
      if (!float32) {
        throw NotImplementedError(str(cls_,
                                      ": only float32 losses are "
                                      "supported. Received: dtype=",
                                      d.dump()));
      }
      used_.insert("dtype");
    }
    for (const auto& [key, value] : config_.items()) {
      if (!used_.count(key)) {
        throw TypeError(str(cls_,
                            ".__init__() got an unexpected keyword "
                            "argument '",
                            key, "'"));
      }
    }
  }

 private:
  bool take(const char* key) {
    if (!config_.contains(key)) return false;
    used_.insert(key);
    value_ = config_.at(key);
    return true;
  }
  [[noreturn]] void bad(const char* key) {
    throw TypeError(str("Invalid value for ", cls_, " argument `", key,
                        "`. Received: ", key, "=", value_.dump()));
  }

  std::string cls_;
  const Json& config_;
  std::set<std::string> used_;
  Json value_;
};

std::shared_ptr<Loss> from_class_config(const std::string& cls,
                                        const Json& config) {
  ConfigReader r(cls, config);
  if (cls == "MeanSquaredError") {
    MeanSquaredErrorOptions o;
    r.read("reduction", o.reduction);
    r.read("name", o.name);
    r.finish();
    return std::make_shared<MeanSquaredError>(o);
  }
  if (cls == "MeanAbsoluteError") {
    MeanAbsoluteErrorOptions o;
    r.read("reduction", o.reduction);
    r.read("name", o.name);
    r.finish();
    return std::make_shared<MeanAbsoluteError>(o);
  }
  if (cls == "BinaryCrossentropy" || cls == "CategoricalCrossentropy") {
    BinaryCrossentropyOptions o;
    r.read("from_logits", o.from_logits);
    r.read("label_smoothing", o.label_smoothing);
    r.read("axis", o.axis);
    r.read("reduction", o.reduction);
    if (cls == "BinaryCrossentropy") {
      r.read("name", o.name);
      r.finish();
      return std::make_shared<BinaryCrossentropy>(o);
    }
    CategoricalCrossentropyOptions c{.from_logits = o.from_logits,
                                     .label_smoothing = o.label_smoothing,
                                     .axis = o.axis,
                                     .reduction = o.reduction};
    r.read("name", c.name);
    r.finish();
    return std::make_shared<CategoricalCrossentropy>(c);
  }
  if (cls == "SparseCategoricalCrossentropy") {
    SparseCategoricalCrossentropyOptions o;
    r.read("from_logits", o.from_logits);
    r.read("ignore_class", o.ignore_class);
    r.read("reduction", o.reduction);
    r.read("axis", o.axis);
    r.read("name", o.name);
    r.finish();
    return std::make_shared<SparseCategoricalCrossentropy>(o);
  }
  if (cls == "LossFunctionWrapper") {
    if (!config.contains("fn")) {
      throw TypeError(
          "LossFunctionWrapper.__init__() missing 1 required positional "
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
    const std::string canonical = function_name(fn);
    if (canonical.empty()) {
      throw ValueError(
          str("Could not interpret loss function: ", fn_record.dump()));
    }
    Reduction reduction = "sum_over_batch_size";
    std::string name;
    Json kwargs = Json::object();
    for (const auto& [key, value] : config.items()) {
      if (key == "fn") continue;
      if (key == "name") {
        if (!value.is_null()) name = value.get<std::string>();
      } else if (key == "reduction") {
        reduction =
            value.is_null() ? Reduction() : Reduction(value.get<std::string>());
      } else if (key != "dtype") {
        kwargs[key] = value;
      }
    }
    return std::make_shared<LossFunctionWrapper>(
        canonical, make_function(canonical, kwargs), reduction, name, kwargs);
  }
  if (is_unimplemented_keras_loss(cls)) {
    throw NotImplementedError(
        str("Loss '", cls, "' is not implemented in keras.cpp yet."));
  }
  throw TypeError(
      str("Could not locate class '", cls,
          "'. Make sure custom classes and functions are decorated with "
          "`@keras.saving.register_keras_serializable()`."));
}

}  // namespace

// ---- functions ----

Tensor mean_squared_error(const Tensor& y_true, const Tensor& y_pred) {
  const Tensor p = float_pred(y_pred);
  auto [t, pp] = squeeze_or_expand_to_same_rank(cast_to(y_true, p.dtype()), p);
  return ops::mean(ops::square(ops::subtract(t, pp)), {-1});
}

Tensor mean_absolute_error(const Tensor& y_true, const Tensor& y_pred) {
  const Tensor p = float_pred(y_pred);
  auto [t, pp] = squeeze_or_expand_to_same_rank(cast_to(y_true, p.dtype()), p);
  return ops::mean(ops::abs(ops::subtract(t, pp)), {-1});
}

Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                           bool from_logits, double label_smoothing,
                           std::int64_t axis) {
  const Tensor output = float_pred(y_pred);
  Tensor target = cast_to(y_true, output.dtype());
  if (label_smoothing != 0) {
    target = target * (1.0 - label_smoothing) + 0.5 * label_smoothing;
  }
  check_same_shape("binary_crossentropy", target, output);
  Tensor elementwise;
  if (from_logits) {
    // Stable sigmoid crossentropy: max(x, 0) - x * t + log(1 + exp(-|x|)).
    elementwise = ops::relu(output) - output * target +
                  ops::log1p(ops::exp(-ops::abs(output)));
  } else {
    const Tensor p = ops::clip(output, kEpsilon, 1.0 - kEpsilon);
    elementwise = -(target * ops::log(p) + (1.0 - target) * ops::log(1.0 - p));
  }
  return ops::mean(elementwise, {axis});
}

Tensor categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                bool from_logits, double label_smoothing,
                                std::int64_t axis) {
  const Tensor output = float_pred(y_pred);
  Tensor target = cast_to(y_true, output.dtype());
  if (label_smoothing != 0) {
    const double num_classes = static_cast<double>(target.shape().back());
    target = target * (1.0 - label_smoothing) + label_smoothing / num_classes;
  }
  check_same_shape("categorical_crossentropy", target, output);
  if (target.ndim() < 1) {
    throw ValueError(str(
        "Arguments `target` and `output` must be at least rank 1. Received: "
        "target.shape=",
        shape_str(target.shape()),
        ", output.shape=", shape_str(output.shape())));
  }
  Tensor log_prob;
  if (from_logits) {
    log_prob = ops::log_softmax(output, axis);
  } else {
    Tensor p = output / ops::sum(output, {axis}, /*keepdims=*/true);
    log_prob = ops::log(ops::clip(p, kEpsilon, 1.0 - kEpsilon));
  }
  return -ops::sum(target * log_prob, {axis});
}

Tensor sparse_categorical_crossentropy(const Tensor& y_true,
                                       const Tensor& y_pred, bool from_logits,
                                       std::optional<std::int64_t> ignore_class,
                                       std::int64_t axis) {
  Tensor output = float_pred(y_pred);
  if (output.ndim() < 1) {
    throw ValueError(str(
        "Argument `output` must be at least rank 1. Received: output.shape=",
        shape_str(output.shape())));
  }
  const int class_axis = normalize_axis(axis, output.shape().size());
  Tensor target = y_true;
  if (target.ndim() == output.ndim() && target.shape()[class_axis] == 1) {
    target = ops::squeeze(target, {class_axis});
  }
  Shape expected = output.shape();
  expected.erase(expected.begin() + class_axis);
  if (target.shape() != expected) {
    throw ValueError(
        str("Arguments `target` and `output` must have the same shape up until "
            "the last dimension: target.shape=",
            shape_str(target.shape()),
            ", output.shape=", shape_str(output.shape())));
  }
  Tensor valid;
  if (ignore_class) {
    const Tensor ignore =
        Tensor::scalar(static_cast<double>(*ignore_class), target.dtype());
    valid = ops::not_equal(target, ignore);
    target = ops::where(valid, target, Tensor::scalar(0, target.dtype()));
    output = ops::where(ops::expand_dims(valid, class_axis), output,
                        Tensor::scalar(0, output.dtype()));
  }
  Tensor log_prob;
  if (from_logits) {
    log_prob = ops::log_softmax(output, class_axis);
  } else {
    Tensor p = output / ops::sum(output, {class_axis}, /*keepdims=*/true);
    log_prob = ops::log(ops::clip(p, kEpsilon, 1.0 - kEpsilon));
  }
  // Labels arrive as floats from Loss.__call__; class ids are exact in float.
  const Tensor labels =
      ops::expand_dims(cast_to(target, DType::int64), class_axis);
  Tensor picked = ops::take_along_axis(log_prob, labels, class_axis);
  Tensor result = -ops::squeeze(picked, {class_axis});
  if (ignore_class) {
    result = ops::where(valid, result, Tensor::scalar(0, result.dtype()));
    set_keras_mask(result, valid);
  }
  return result;
}

// ---- classes ----

LossFunctionWrapper::LossFunctionWrapper(std::string fn_name, LossFn fn,
                                         Reduction reduction, std::string name,
                                         Json fn_kwargs)
    : Loss(name.empty() ? utils::uniquify("loss_function_wrapper") : name,
           std::move(reduction)),
      fn_name_(std::move(fn_name)),
      fn_(std::move(fn)),
      fn_kwargs_(std::move(fn_kwargs)) {}

Tensor LossFunctionWrapper::call(const Tensor& y_true,
                                 const Tensor& y_pred) const {
  auto [t, p] = squeeze_or_expand_to_same_rank(y_true, y_pred);
  return fn_(t, p);
}

Json LossFunctionWrapper::get_config() const {
  Json config = Loss::get_config();
  config["fn"] = function_record(fn_name_);
  for (const auto& [key, value] : fn_kwargs_.items()) config[key] = value;
  return config;
}

MeanSquaredError::MeanSquaredError(const MeanSquaredErrorOptions& o)
    : LossFunctionWrapper("mean_squared_error", mean_squared_error, o.reduction,
                          o.name) {}

MeanAbsoluteError::MeanAbsoluteError(const MeanAbsoluteErrorOptions& o)
    : LossFunctionWrapper("mean_absolute_error", mean_absolute_error,
                          o.reduction, o.name) {}

BinaryCrossentropy::BinaryCrossentropy(const BinaryCrossentropyOptions& o)
    : LossFunctionWrapper(
          "binary_crossentropy",
          [o](const Tensor& t, const Tensor& p) {
            return binary_crossentropy(t, p, o.from_logits, o.label_smoothing,
                                       o.axis);
          },
          o.reduction, o.name),
      options_(o) {}

Json BinaryCrossentropy::get_config() const {
  Json config = Loss::get_config();
  config["from_logits"] = options_.from_logits;
  config["label_smoothing"] = options_.label_smoothing;
  config["axis"] = options_.axis;
  return config;
}

CategoricalCrossentropy::CategoricalCrossentropy(
    const CategoricalCrossentropyOptions& o)
    : LossFunctionWrapper(
          "categorical_crossentropy",
          [o](const Tensor& t, const Tensor& p) {
            return categorical_crossentropy(t, p, o.from_logits,
                                            o.label_smoothing, o.axis);
          },
          o.reduction, o.name),
      options_(o) {}

Json CategoricalCrossentropy::get_config() const {
  Json config = Loss::get_config();
  config["from_logits"] = options_.from_logits;
  config["label_smoothing"] = options_.label_smoothing;
  config["axis"] = options_.axis;
  return config;
}

SparseCategoricalCrossentropy::SparseCategoricalCrossentropy(
    const SparseCategoricalCrossentropyOptions& o)
    : LossFunctionWrapper(
          "sparse_categorical_crossentropy",
          [o](const Tensor& t, const Tensor& p) {
            return sparse_categorical_crossentropy(t, p, o.from_logits,
                                                   o.ignore_class, o.axis);
          },
          o.reduction, o.name),
      options_(o) {}

Json SparseCategoricalCrossentropy::get_config() const {
  Json config = Loss::get_config();
  config["from_logits"] = options_.from_logits;
  config["ignore_class"] =
      options_.ignore_class ? Json(*options_.ignore_class) : Json(nullptr);
  return config;
}

// ---- lookup and serialization ----

std::shared_ptr<Loss> get(const std::string& identifier) {
  const std::string fn = function_name(identifier);
  if (!fn.empty()) return make_bare_function(fn, identifier);
  for (const char* cls :
       {"MeanSquaredError", "MeanAbsoluteError", "BinaryCrossentropy",
        "CategoricalCrossentropy", "SparseCategoricalCrossentropy"}) {
    if (identifier == cls) return from_class_config(cls, Json::object());
  }
  if (is_unimplemented_keras_loss(identifier)) {
    throw NotImplementedError(
        str("Loss '", identifier, "' is not implemented in keras.cpp yet."));
  }
  throw ValueError(str("Could not interpret loss identifier: ", identifier));
}

std::shared_ptr<Loss> get_compile_loss(const std::string& identifier,
                                       const Shape& y_true_shape,
                                       const Shape& y_pred_shape) {
  std::string lower = identifier;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower != "crossentropy" && lower != "ce") return get(identifier);
  if (y_true_shape.empty() || y_pred_shape.empty()) {
    throw ValueError(str("Cannot resolve loss '", identifier,
                         "' for scalar targets or predictions."));
  }
  const std::int64_t t_last = y_true_shape.back();
  const std::int64_t p_last = y_pred_shape.back();
  const bool is_binary = p_last == 1;
  const bool is_sparse =
      y_true_shape.size() < y_pred_shape.size() || (t_last == 1 && p_last > 1);
  const std::string fn = is_binary   ? "binary_crossentropy"
                         : is_sparse ? "sparse_categorical_crossentropy"
                                     : "categorical_crossentropy";
  // Keras wraps the function in a LossFunctionWrapper named like the string.
  return make_bare_function(fn, identifier);
}

Json function_record(const std::string& fn_name) {
  Json record = Json::object();
  record["module"] = "builtins";
  record["class_name"] = "function";
  record["config"] = fn_name;
  record["registered_name"] = "function";
  return record;
}

std::shared_ptr<Loss> deserialize(const Json& record) {
  if (record.is_string()) return get(record.get<std::string>());
  if (!record.is_object() || !record.contains("class_name") ||
      !record.at("class_name").is_string()) {
    throw ValueError(
        str("Could not interpret loss identifier: ", record.dump()));
  }
  const std::string cls = record.at("class_name").get<std::string>();
  const Json config =
      record.contains("config") ? record.at("config") : Json::object();
  if (cls == "function") {
    if (!config.is_string()) {
      throw ValueError(
          str("Could not interpret loss identifier: ", record.dump()));
    }
    // Keras resolves function records by name among its built-in modules.
    std::string name = config.get<std::string>();
    const std::string fn = function_name(name);
    if (fn.empty()) {
      if (is_unimplemented_keras_loss(name)) {
        throw NotImplementedError(
            str("Loss '", name, "' is not implemented in keras.cpp yet."));
      }
      throw TypeError(str("Could not locate function '", name,
                          "'. Full object config: ", record.dump()));
    }
    return make_bare_function(fn, name);
  }
  return from_class_config(cls, config);
}

Json serialize(const Loss& loss) {
  if (const auto* w = dynamic_cast<const LossFunctionWrapper*>(&loss);
      w && w->is_function()) {
    return function_record(w->fn_name());
  }
  Json record = Json::object();
  record["module"] = "keras.losses";
  record["class_name"] = loss.class_name();
  record["config"] = loss.get_config();
  record["registered_name"] = nullptr;
  return record;
}

}  // namespace keras::losses

namespace keras::saving {

std::string get_registered_name(const losses::Loss& loss) {
  const auto* wrapper = dynamic_cast<const losses::LossFunctionWrapper*>(&loss);
  if (wrapper && wrapper->is_function()) return wrapper->fn_name();
  return loss.class_name();
}

}  // namespace keras::saving
