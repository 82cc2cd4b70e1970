#include "keras/losses/losses.h"

#include <algorithm>
#include <map>
#include <vector>

#include "keras/core/error.h"
#include "keras/losses/ctc.h"
#include "keras/losses/internal/loss_utils.h"
#include "keras/utils/json_utils.h"
#include "keras/utils/naming.h"

namespace keras::losses {

namespace {

using internal::dtype_name_of;

// ---- the Keras functions and their keyword arguments ----

// A keyword argument of a loss function and the JSON it accepts.
enum class ArgKind { boolean, number, integer, optional_integer, axes };

struct FnSpec {
  const char* name;
  std::vector<std::pair<const char*, ArgKind>> args;
};

const std::vector<FnSpec>& function_specs() {
  using K = ArgKind;
  static const std::vector<FnSpec> specs = {
      {"mean_squared_error", {}},
      {"mean_absolute_error", {}},
      {"mean_absolute_percentage_error", {}},
      {"mean_squared_logarithmic_error", {}},
      {"cosine_similarity", {{"axis", K::integer}}},
      {"huber", {{"delta", K::number}}},
      {"log_cosh", {}},
      {"hinge", {}},
      {"squared_hinge", {}},
      {"categorical_hinge", {}},
      {"kl_divergence", {}},
      {"poisson", {}},
      {"binary_crossentropy",
       {{"from_logits", K::boolean},
        {"label_smoothing", K::number},
        {"axis", K::integer}}},
      {"binary_focal_crossentropy",
       {{"apply_class_balancing", K::boolean},
        {"alpha", K::number},
        {"gamma", K::number},
        {"from_logits", K::boolean},
        {"label_smoothing", K::number},
        {"axis", K::integer}}},
      {"categorical_crossentropy",
       {{"from_logits", K::boolean},
        {"label_smoothing", K::number},
        {"axis", K::integer}}},
      {"categorical_focal_crossentropy",
       {{"alpha", K::number},
        {"gamma", K::number},
        {"from_logits", K::boolean},
        {"label_smoothing", K::number},
        {"axis", K::integer}}},
      {"sparse_categorical_crossentropy",
       {{"from_logits", K::boolean},
        {"ignore_class", K::optional_integer},
        {"axis", K::integer}}},
      {"dice", {{"axis", K::axes}}},
      {"tversky",
       {{"alpha", K::number}, {"beta", K::number}, {"axis", K::axes}}},
      {"categorical_generalized_cross_entropy", {{"q", K::number}}},
      {"circle",
       {{"gamma", K::number},
        {"margin", K::number},
        {"remove_diagonal", K::boolean}}},
      {"ctc", {}},
  };
  return specs;
}

const FnSpec* find_function(const std::string& name) {
  for (const FnSpec& spec : function_specs()) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

// Keras' loss aliases (keras.losses.ALL_OBJECTS_DICT).
std::string resolve_alias(const std::string& id) {
  static const std::map<std::string, std::string> aliases = {
      {"bce", "binary_crossentropy"},
      {"BCE", "binary_crossentropy"},
      {"kld", "kl_divergence"},
      {"KLD", "kl_divergence"},
      {"mae", "mean_absolute_error"},
      {"MAE", "mean_absolute_error"},
      {"mse", "mean_squared_error"},
      {"MSE", "mean_squared_error"},
      {"mape", "mean_absolute_percentage_error"},
      {"MAPE", "mean_absolute_percentage_error"},
      {"msle", "mean_squared_logarithmic_error"},
      {"MSLE", "mean_squared_logarithmic_error"}};
  const auto it = aliases.find(id);
  return it == aliases.end() ? id : it->second;
}

[[noreturn]] void bad_argument(const std::string& owner, const std::string& key,
                               const char* expected, const Json& value) {
  throw TypeError(str(owner, ": argument `", key, "` must be ", expected,
                      ". Received: ", key, "=", value.dump()));
}

// Checks `value` against `kind` (TypeError naming `owner`).
void check_arg(const std::string& owner, const std::string& key, ArgKind kind,
               const Json& value) {
  switch (kind) {
    case ArgKind::boolean:
      if (!value.is_boolean()) bad_argument(owner, key, "a boolean", value);
      return;
    case ArgKind::number:
      if (!value.is_number() || value.is_boolean()) {
        bad_argument(owner, key, "a number", value);
      }
      return;
    case ArgKind::integer:
      if (!value.is_number_integer()) {
        bad_argument(owner, key, "an integer", value);
      }
      return;
    case ArgKind::optional_integer:
      if (!value.is_null() && !value.is_number_integer()) {
        bad_argument(owner, key, "an integer or None", value);
      }
      return;
    case ArgKind::axes:
      if (value.is_null() || value.is_number_integer()) return;
      if (value.is_array() &&
          std::all_of(value.begin(), value.end(),
                      [](const Json& a) { return a.is_number_integer(); })) {
        return;
      }
      bad_argument(owner, key, "None, an integer or a list of integers", value);
  }
}

// Typed access to checked kwargs, with the function's defaults.
class Kwargs {
 public:
  explicit Kwargs(const Json& kwargs) : kwargs_(kwargs) {}
  bool flag(const char* key, bool fallback) const {
    return kwargs_.contains(key) ? kwargs_.at(key).get<bool>() : fallback;
  }
  double number(const char* key, double fallback) const {
    return kwargs_.contains(key) ? kwargs_.at(key).get<double>() : fallback;
  }
  std::int64_t integer(const char* key, std::int64_t fallback) const {
    return kwargs_.contains(key) ? integer_of<std::int64_t>(kwargs_.at(key))
                                 : fallback;
  }
  std::optional<std::int64_t> optional_integer(const char* key) const {
    if (!kwargs_.contains(key) || kwargs_.at(key).is_null()) return {};
    return integer_of<std::int64_t>(kwargs_.at(key));
  }
  std::optional<std::vector<std::int64_t>> axes(const char* key) const {
    if (!kwargs_.contains(key) || kwargs_.at(key).is_null()) return {};
    const Json& v = kwargs_.at(key);
    if (v.is_number_integer()) return std::vector{integer_of<std::int64_t>(v)};
    return v.get<std::vector<std::int64_t>>();
  }

 private:
  const Json& kwargs_;
};

// Validates values Keras validates (or that would give NaN silently).
void check_values(const Kwargs& k, const Json& kwargs) {
  if (kwargs.contains("label_smoothing")) {
    const double s = k.number("label_smoothing", 0.0);
    if (!(s >= 0.0 && s <= 1.0)) {
      throw ValueError(
          str("`label_smoothing` must be a float in the range [0, 1]. "
              "Received: label_smoothing=",
              s));
    }
  }
  if (kwargs.contains("q")) {
    check_generalized_cross_entropy_q(k.number("q", 0.5));
  }
}

// ---- the Keras classes ----

struct ClassSpec {
  const char* class_name;
  const char* fn_name;
  const char* default_name;
  // Constructor arguments besides name / reduction / dtype, with defaults.
  std::vector<std::pair<const char*, Json>> args;
  // The arguments get_config() writes after name and reduction.
  std::vector<const char*> config_keys;
};

const std::vector<ClassSpec>& class_specs() {
  const Json f = false;
  static const std::vector<ClassSpec> specs = {
      {"MeanSquaredError", "mean_squared_error", "mean_squared_error", {}, {}},
      {"MeanAbsoluteError",
       "mean_absolute_error",
       "mean_absolute_error",
       {},
       {}},
      {"MeanAbsolutePercentageError",
       "mean_absolute_percentage_error",
       "mean_absolute_percentage_error",
       {},
       {}},
      {"MeanSquaredLogarithmicError",
       "mean_squared_logarithmic_error",
       "mean_squared_logarithmic_error",
       {},
       {}},
      {"CosineSimilarity",
       "cosine_similarity",
       "cosine_similarity",
       {{"axis", -1}},
       {}},
      {"Huber", "huber", "huber_loss", {{"delta", 1.0}}, {}},
      {"LogCosh", "log_cosh", "log_cosh", {}, {}},
      {"Hinge", "hinge", "hinge", {}, {}},
      {"SquaredHinge", "squared_hinge", "squared_hinge", {}, {}},
      {"CategoricalHinge", "categorical_hinge", "categorical_hinge", {}, {}},
      {"KLDivergence", "kl_divergence", "kl_divergence", {}, {}},
      {"Poisson", "poisson", "poisson", {}, {}},
      {"BinaryCrossentropy",
       "binary_crossentropy",
       "binary_crossentropy",
       {{"from_logits", f}, {"label_smoothing", 0.0}, {"axis", -1}},
       {"from_logits", "label_smoothing", "axis"}},
      {"BinaryFocalCrossentropy",
       "binary_focal_crossentropy",
       "binary_focal_crossentropy",
       {{"apply_class_balancing", f},
        {"alpha", 0.25},
        {"gamma", 2.0},
        {"from_logits", f},
        {"label_smoothing", 0.0},
        {"axis", -1}},
       {"from_logits", "label_smoothing", "axis", "apply_class_balancing",
        "alpha", "gamma"}},
      {"CategoricalCrossentropy",
       "categorical_crossentropy",
       "categorical_crossentropy",
       {{"from_logits", f}, {"label_smoothing", 0.0}, {"axis", -1}},
       {"from_logits", "label_smoothing", "axis"}},
      {"CategoricalFocalCrossentropy",
       "categorical_focal_crossentropy",
       "categorical_focal_crossentropy",
       {{"alpha", 0.25},
        {"gamma", 2.0},
        {"from_logits", f},
        {"label_smoothing", 0.0},
        {"axis", -1}},
       {"from_logits", "label_smoothing", "axis", "alpha", "gamma"}},
      {"SparseCategoricalCrossentropy",
       "sparse_categorical_crossentropy",
       "sparse_categorical_crossentropy",
       {{"from_logits", f}, {"ignore_class", nullptr}, {"axis", -1}},
       {"from_logits", "ignore_class"}},
      {"Dice", "dice", "dice", {{"axis", nullptr}}, {"axis"}},
      {"Tversky",
       "tversky",
       "tversky",
       {{"alpha", 0.5}, {"beta", 0.5}, {"axis", nullptr}},
       {"alpha", "beta", "axis"}},
      {"CategoricalGeneralizedCrossEntropy",
       "categorical_generalized_cross_entropy",
       "categorical_generalized_cross_entropy",
       {{"q", 0.5}},
       {"q"}},
      {"Circle",
       "circle",
       "circle",
       {{"gamma", 80.0}, {"margin", 0.4}, {"remove_diagonal", true}},
       {"gamma", "margin", "remove_diagonal"}},
      {"CTC", "ctc", "ctc", {}, {}},
  };
  return specs;
}

const ClassSpec* find_class(const std::string& name) {
  for (const ClassSpec& spec : class_specs()) {
    if (name == spec.class_name) return &spec;
  }
  return nullptr;
}

const ClassSpec& class_spec(const std::string& name) {
  const ClassSpec* spec = find_class(name);
  if (!spec) throw ValueError(str("Unknown loss class: ", name));
  return *spec;
}

// Every argument of `spec`: the given ones (checked), then the defaults.
Json complete_arguments(const ClassSpec& spec, const Json& given) {
  const FnSpec& fn = *find_function(spec.fn_name);
  Json args = Json::object();
  for (const auto& [key, fallback] : spec.args) {
    // Captured by name: clang 14 cannot capture structured bindings.
    const std::string& name = key;
    const auto kind =
        std::find_if(fn.args.begin(), fn.args.end(), [&](const auto& a) {
          return name == std::string(a.first);
        })->second;
    if (given.contains(key)) {
      check_arg(spec.class_name, key, kind, given.at(key));
      args[key] = given.at(key);
    } else {
      args[key] = fallback;
    }
  }
  for (const auto& [key, value] : given.items()) {
    if (!args.contains(key)) {
      throw TypeError(str(spec.class_name,
                          ".__init__() got an unexpected keyword argument '",
                          key, "'"));
    }
  }
  return args;
}

std::shared_ptr<LossFunctionWrapper> make_bare_function(
    const std::string& fn, const std::string& name) {
  auto loss = std::make_shared<LossFunctionWrapper>(
      fn, make_loss_function(fn, Json::object()), "sum_over_batch_size", name);
  loss->set_is_function(true);
  return loss;
}

// Reads name / reduction / dtype of a class config; the rest are the
// class' arguments.
struct CommonConfig {
  std::optional<std::string> name;
  Reduction reduction = "sum_over_batch_size";
  Json arguments = Json::object();
};

CommonConfig read_common_config(const std::string& cls, const Json& config) {
  if (!config.is_object()) {
    throw TypeError(
        str("Config of ", cls, " must be a dict. Received: ", config.dump()));
  }
  CommonConfig out;
  for (const auto& [key, value] : config.items()) {
    if (key == "name") {
      if (!value.is_null() && !value.is_string()) {
        bad_argument(cls, key, "a string", value);
      }
      if (value.is_string()) out.name = value.get<std::string>();
    } else if (key == "reduction") {
      if (!value.is_null() && !value.is_string()) {
        bad_argument(cls, key, "a string or None", value);
      }
      out.reduction =
          value.is_null() ? Reduction() : Reduction(value.get<std::string>());
    } else if (key == "dtype") {
      // Losses accept a dtype argument; keras.cpp computes in float32.
      if (!value.is_null() && dtype_name_of(value) != "float32") {
        throw NotImplementedError(
            str(cls, ": only float32 losses are supported. Received: dtype=",
                value.dump()));
      }
    } else {
      out.arguments[key] = value;
    }
  }
  return out;
}

std::shared_ptr<Loss> wrapper_from_config(const Json& config) {
  CommonConfig common = read_common_config("LossFunctionWrapper", config);
  if (!common.arguments.contains("fn")) {
    throw TypeError(
        "LossFunctionWrapper.__init__() missing 1 required positional "
        "argument: 'fn'");
  }
  const Json fn_record = common.arguments.at("fn");
  common.arguments.erase("fn");
  std::string fn;
  if (fn_record.is_string()) {
    fn = fn_record.get<std::string>();
  } else if (fn_record.is_object() && fn_record.contains("config") &&
             fn_record.at("config").is_string()) {
    fn = fn_record.at("config").get<std::string>();
  }
  const std::string canonical = resolve_alias(fn);
  if (!find_function(canonical)) {
    throw ValueError(
        str("Could not interpret loss function: ", fn_record.dump()));
  }
  return std::make_shared<LossFunctionWrapper>(
      canonical, make_loss_function(canonical, common.arguments),
      common.reduction, common.name.value_or(""), common.arguments);
}

std::shared_ptr<Loss> from_class_config(const std::string& cls,
                                        const Json& config) {
  if (cls == "LossFunctionWrapper") return wrapper_from_config(config);
  if (find_class(cls)) {
    const CommonConfig common = read_common_config(cls, config);
    return std::make_shared<BuiltinLoss>(
        cls, common.arguments, common.reduction, common.name.value_or(""));
  }
  throw TypeError(
      str("Could not locate class '", cls,
          "'. Make sure custom classes and functions are decorated with "
          "`@keras.saving.register_keras_serializable()`."));
}

Json axes_json(const std::optional<std::vector<std::int64_t>>& axes) {
  return axes ? Json(*axes) : Json(nullptr);
}

Json optional_json(const std::optional<std::int64_t>& value) {
  return value ? Json(*value) : Json(nullptr);
}

}  // namespace

// ---- functions by name ----

LossFn make_loss_function(const std::string& fn_name, const Json& kwargs) {
  const FnSpec* spec = find_function(fn_name);
  if (!spec) {
    throw ValueError(str("Could not interpret loss identifier: ", fn_name));
  }
  if (!kwargs.is_object()) {
    throw TypeError(str(fn_name,
                        "(): keyword arguments must be a dict. "
                        "Received: ",
                        kwargs.dump()));
  }
  for (const auto& [key, value] : kwargs.items()) {
    const auto arg =
        std::find_if(spec->args.begin(), spec->args.end(),
                     [&key = key](const auto& a) { return key == a.first; });
    if (arg == spec->args.end()) {
      throw TypeError(
          str(fn_name, "() got an unexpected keyword argument '", key, "'"));
    }
    check_arg(fn_name + "()", key, arg->second, value);
  }
  const Kwargs k(kwargs);
  check_values(k, kwargs);
  const std::string& f = fn_name;
  if (f == "mean_squared_error") return mean_squared_error;
  if (f == "mean_absolute_error") return mean_absolute_error;
  if (f == "mean_absolute_percentage_error") {
    return mean_absolute_percentage_error;
  }
  if (f == "mean_squared_logarithmic_error") {
    return mean_squared_logarithmic_error;
  }
  if (f == "log_cosh") return log_cosh;
  if (f == "hinge") return hinge;
  if (f == "squared_hinge") return squared_hinge;
  if (f == "categorical_hinge") return categorical_hinge;
  if (f == "kl_divergence") return kl_divergence;
  if (f == "poisson") return poisson;
  if (f == "ctc") return ctc;
  if (f == "cosine_similarity") {
    return [axis = k.integer("axis", -1)](const Tensor& t, const Tensor& p) {
      return cosine_similarity(t, p, axis);
    };
  }
  if (f == "huber") {
    return [delta = k.number("delta", 1.0)](const Tensor& t, const Tensor& p) {
      return huber(t, p, delta);
    };
  }
  const bool from_logits = k.flag("from_logits", false);
  const double smoothing = k.number("label_smoothing", 0.0);
  const std::int64_t axis =
      f == "dice" || f == "tversky" ? 0 : k.integer("axis", -1);
  if (f == "binary_crossentropy") {
    return [=](const Tensor& t, const Tensor& p) {
      return binary_crossentropy(t, p, from_logits, smoothing, axis);
    };
  }
  if (f == "categorical_crossentropy") {
    return [=](const Tensor& t, const Tensor& p) {
      return categorical_crossentropy(t, p, from_logits, smoothing, axis);
    };
  }
  const double alpha = k.number("alpha", f == "tversky" ? 0.5 : 0.25);
  const double gamma = k.number("gamma", 2.0);
  if (f == "binary_focal_crossentropy") {
    const bool balancing = k.flag("apply_class_balancing", false);
    return [=](const Tensor& t, const Tensor& p) {
      return binary_focal_crossentropy(t, p, balancing, alpha, gamma,
                                       from_logits, smoothing, axis);
    };
  }
  if (f == "categorical_focal_crossentropy") {
    return [=](const Tensor& t, const Tensor& p) {
      return categorical_focal_crossentropy(t, p, alpha, gamma, from_logits,
                                            smoothing, axis);
    };
  }
  if (f == "sparse_categorical_crossentropy") {
    const auto ignore_class = k.optional_integer("ignore_class");
    return [=](const Tensor& t, const Tensor& p) {
      return sparse_categorical_crossentropy(t, p, from_logits, ignore_class,
                                             axis);
    };
  }
  if (f == "dice") {
    return [axes = k.axes("axis")](const Tensor& t, const Tensor& p) {
      return dice(t, p, axes);
    };
  }
  if (f == "tversky") {
    return [alpha, beta = k.number("beta", 0.5), axes = k.axes("axis")](
               const Tensor& t, const Tensor& p) {
      return tversky(t, p, alpha, beta, axes);
    };
  }
  if (f == "circle") {
    return [gamma = k.number("gamma", 80.0), margin = k.number("margin", 0.4),
            diagonal = k.flag("remove_diagonal", true)](const Tensor& t,
                                                        const Tensor& p) {
      return circle(t, p, gamma, margin, diagonal);
    };
  }
  // categorical_generalized_cross_entropy: q is a required argument.
  if (!kwargs.contains("q")) {
    throw TypeError(
        "categorical_generalized_cross_entropy() missing 1 required "
        "positional argument: 'q'");
  }
  return [q = k.number("q", 0.5)](const Tensor& t, const Tensor& p) {
    return categorical_generalized_cross_entropy(t, p, q);
  };
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

BuiltinLoss::BuiltinLoss(const std::string& class_name, const Json& arguments,
                         Reduction reduction, std::string name)
    : LossFunctionWrapper(
          class_spec(class_name).fn_name,
          make_loss_function(
              class_spec(class_name).fn_name,
              complete_arguments(class_spec(class_name), arguments)),
          std::move(reduction),
          name.empty() ? class_spec(class_name).default_name : name,
          complete_arguments(class_spec(class_name), arguments)),
      class_name_(class_name) {}

Json BuiltinLoss::get_config() const {
  Json config = Loss::get_config();
  for (const char* key : class_spec(class_name_).config_keys) {
    config[key] = fn_kwargs().at(key);
  }
  return config;
}

#define KERAS_NO_ARGUMENT_LOSS(Name) \
  Name::Name(const Name##Options& o) \
      : BuiltinLoss(#Name, Json::object(), o.reduction, o.name) {}
KERAS_NO_ARGUMENT_LOSS(MeanSquaredError)
KERAS_NO_ARGUMENT_LOSS(MeanAbsoluteError)
KERAS_NO_ARGUMENT_LOSS(MeanAbsolutePercentageError)
KERAS_NO_ARGUMENT_LOSS(MeanSquaredLogarithmicError)
KERAS_NO_ARGUMENT_LOSS(LogCosh)
KERAS_NO_ARGUMENT_LOSS(Hinge)
KERAS_NO_ARGUMENT_LOSS(SquaredHinge)
KERAS_NO_ARGUMENT_LOSS(CategoricalHinge)
KERAS_NO_ARGUMENT_LOSS(KLDivergence)
KERAS_NO_ARGUMENT_LOSS(Poisson)
#undef KERAS_NO_ARGUMENT_LOSS

CosineSimilarity::CosineSimilarity(const CosineSimilarityOptions& o)
    : BuiltinLoss("CosineSimilarity", {{"axis", o.axis}}, o.reduction, o.name) {
}

Huber::Huber(const HuberOptions& o)
    : BuiltinLoss("Huber", {{"delta", o.delta}}, o.reduction, o.name) {}

BinaryCrossentropy::BinaryCrossentropy(const BinaryCrossentropyOptions& o)
    : BuiltinLoss("BinaryCrossentropy",
                  {{"from_logits", o.from_logits},
                   {"label_smoothing", o.label_smoothing},
                   {"axis", o.axis}},
                  o.reduction, o.name) {}

BinaryFocalCrossentropy::BinaryFocalCrossentropy(
    const BinaryFocalCrossentropyOptions& o)
    : BuiltinLoss("BinaryFocalCrossentropy",
                  {{"apply_class_balancing", o.apply_class_balancing},
                   {"alpha", o.alpha},
                   {"gamma", o.gamma},
                   {"from_logits", o.from_logits},
                   {"label_smoothing", o.label_smoothing},
                   {"axis", o.axis}},
                  o.reduction, o.name) {}

CategoricalCrossentropy::CategoricalCrossentropy(
    const CategoricalCrossentropyOptions& o)
    : BuiltinLoss("CategoricalCrossentropy",
                  {{"from_logits", o.from_logits},
                   {"label_smoothing", o.label_smoothing},
                   {"axis", o.axis}},
                  o.reduction, o.name) {}

CategoricalFocalCrossentropy::CategoricalFocalCrossentropy(
    const CategoricalFocalCrossentropyOptions& o)
    : BuiltinLoss("CategoricalFocalCrossentropy",
                  {{"alpha", o.alpha},
                   {"gamma", o.gamma},
                   {"from_logits", o.from_logits},
                   {"label_smoothing", o.label_smoothing},
                   {"axis", o.axis}},
                  o.reduction, o.name) {}

SparseCategoricalCrossentropy::SparseCategoricalCrossentropy(
    const SparseCategoricalCrossentropyOptions& o)
    : BuiltinLoss("SparseCategoricalCrossentropy",
                  {{"from_logits", o.from_logits},
                   {"ignore_class", optional_json(o.ignore_class)},
                   {"axis", o.axis}},
                  o.reduction, o.name) {}

Dice::Dice(const DiceOptions& o)
    : BuiltinLoss("Dice", {{"axis", axes_json(o.axis)}}, o.reduction, o.name) {}

Tversky::Tversky(const TverskyOptions& o)
    : BuiltinLoss(
          "Tversky",
          {{"alpha", o.alpha}, {"beta", o.beta}, {"axis", axes_json(o.axis)}},
          o.reduction, o.name) {}

Circle::Circle(const CircleOptions& o)
    : BuiltinLoss("Circle",
                  {{"gamma", o.gamma},
                   {"margin", o.margin},
                   {"remove_diagonal", o.remove_diagonal}},
                  o.reduction, o.name) {}

CategoricalGeneralizedCrossEntropy::CategoricalGeneralizedCrossEntropy(
    const CategoricalGeneralizedCrossEntropyOptions& o)
    : BuiltinLoss("CategoricalGeneralizedCrossEntropy", {{"q", o.q}},
                  o.reduction, o.name) {}

// ---- lookup and serialization ----

std::shared_ptr<Loss> get(const std::string& identifier) {
  const std::string fn = resolve_alias(identifier);
  // Keras' registry has no categorical_generalized_cross_entropy function
  // (it needs q); the class is there.
  if (find_function(fn) && fn != "categorical_generalized_cross_entropy") {
    return make_bare_function(fn, identifier);
  }
  if (find_class(identifier)) {
    return from_class_config(identifier, Json::object());
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
    const std::string name = config.get<std::string>();
    const std::string fn = resolve_alias(name);
    if (!find_function(fn)) {
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
