#include "keras/optimizers/optimizers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iostream>
#include <set>

#include "keras/core/error.h"
#include "keras/utils/json_utils.h"

namespace keras::optimizers {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Keras optimizers keras.cpp does not implement (lower-cased).
constexpr std::array<const char*, 1> kUnimplemented = {"muon"};

// Keras' class names of the implemented optimizers.
constexpr std::array<const char*, 13> kClassNames = {
    "Adadelta", "Adafactor", "Adagrad", "Adam", "AdamW",
    "Adamax",   "Ftrl",      "Lamb",    "Lion", "LossScaleOptimizer",
    "Nadam",    "RMSprop",   "SGD"};

// Maps any spelling to Keras' class name, or "" if unknown.
std::string canonical_class(const std::string& name) {
  const std::string l = lower(name);
  for (const char* cls : kClassNames) {
    if (l == lower(cls)) return cls;
  }
  return "";
}

bool is_unimplemented(const std::string& name) {
  const std::string l = lower(name);
  return std::find(kUnimplemented.begin(), kUnimplemented.end(), l) !=
         kUnimplemented.end();
}

// Python-dict-like rendering of leftover config entries for messages.
std::string kwargs_repr(const Json& config, const std::set<std::string>& used) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : config.items()) {
    if (used.count(key)) continue;
    if (!first) out += ", ";
    first = false;
    out += "'" + key + "': ";
    if (value.is_string()) {
      out += "'" + value.get<std::string>() + "'";
    } else if (value.is_null()) {
      out += "None";
    } else if (value.is_boolean()) {
      out += value.get<bool>() ? "True" : "False";
    } else {
      out += value.dump();
    }
  }
  return out + "}";
}

// Reads keys of an optimizer config into an options struct, remembering
// which keys were used so that the rest can be reported.
class ConfigReader {
 public:
  explicit ConfigReader(const Json& config) : config_(config) {
    if (!config_.is_object() && !config_.is_null()) {
      throw TypeError(
          str("Optimizer config must be a dict. Received: ", config_.dump()));
    }
  }

  template <class T>
  void read(const std::string& key, T& out) {
    if (!config_.is_object() || !config_.contains(key)) return;
    used_.insert(key);
    const Json& v = config_.at(key);
    try {
      convert(key, v, out);
    } catch (const nlohmann::json::exception&) {
      throw TypeError(str("Invalid value for optimizer argument `", key,
                          "`. Received: ", key, "=", v.dump()));
    }
  }

  void finish() {
    if (!config_.is_object()) return;
    if (config_.contains("decay")) {
      used_.insert("decay");
      if (!config_.at("decay").is_null()) {
        std::cerr << "WARNING: Argument `decay` is no longer supported and "
                     "will be ignored.\n";
      }
    }
    for (const auto& [key, value] : config_.items()) {
      if (!used_.count(key)) {
        throw ValueError(
            str("Argument(s) not recognized: ", kwargs_repr(config_, used_)));
      }
    }
  }

 private:
  static void convert(const std::string& key, const Json& v,
                      LearningRate& out) {
    // A dict is a serialized schedule (Keras' Optimizer.from_config).
    if (v.is_object()) {
      out = LearningRate(schedules::deserialize(v));
      return;
    }
    double d = 0;
    convert(key, v, d);
    out = d;
  }
  static void convert(const std::string& key, const Json& v, double& out) {
    if (!v.is_number()) {
      throw TypeError(str("Argument `", key, "` should be a float. Received: ",
                          key, "=", v.dump()));
    }
    out = v.get<double>();
  }
  static void convert(const std::string& key, const Json& v, bool& out) {
    if (!v.is_boolean()) {
      throw TypeError(str("Argument `", key, "` should be a bool. Received: ",
                          key, "=", v.dump()));
    }
    out = v.get<bool>();
  }
  static void convert(const std::string& key, const Json& v, std::string& out) {
    if (v.is_null()) return;  // name=None: automatic name
    if (!v.is_string()) {
      throw TypeError(str("Argument `", key, "` should be a string. Received: ",
                          key, "=", v.dump()));
    }
    out = v.get<std::string>();
  }
  static void convert(const std::string& key, const Json& v,
                      std::optional<double>& out) {
    if (v.is_null()) {
      out.reset();
      return;
    }
    double d = 0;
    convert(key, v, d);
    out = d;
  }
  static void convert(const std::string& key, const Json& v,
                      std::optional<std::int64_t>& out) {
    if (v.is_null()) {
      out.reset();
      return;
    }
    if (!v.is_number_integer()) {
      throw TypeError(str("Argument `", key,
                          "` should be an integer. Received: ", key, "=",
                          v.dump()));
    }
    out = integer_of<std::int64_t>(v);
  }

  const Json& config_;
  std::set<std::string> used_;
};

template <class Options>
void read_base(ConfigReader& r, Options& o) {
  r.read("name", o.name);
  r.read("learning_rate", o.learning_rate);
  r.read("weight_decay", o.weight_decay);
  r.read("clipnorm", o.clipnorm);
  r.read("global_clipnorm", o.global_clipnorm);
  r.read("clipvalue", o.clipvalue);
  r.read("use_ema", o.use_ema);
  r.read("ema_momentum", o.ema_momentum);
  r.read("ema_overwrite_frequency", o.ema_overwrite_frequency);
  r.read("loss_scale_factor", o.loss_scale_factor);
  r.read("gradient_accumulation_steps", o.gradient_accumulation_steps);
}

// Reads the base keys, then the optimizer's own (read_own), then builds.
template <class Opt, class Options, class ReadOwn>
std::shared_ptr<Optimizer> build(ConfigReader& r, ReadOwn read_own) {
  Options o;
  read_base(r, o);
  read_own(o);
  r.finish();
  return std::make_shared<Opt>(o);
}

[[noreturn]] void throw_unimplemented(const std::string& class_name) {
  throw NotImplementedError(
      str("Optimizer '", class_name,
          "' is not implemented in keras.cpp yet (available: Adadelta, "
          "Adafactor, Adagrad, Adam, AdamW, Adamax, Ftrl, Lamb, Lion, "
          "LossScaleOptimizer, Nadam, RMSprop, SGD)."));
}

}  // namespace

std::shared_ptr<Optimizer> from_config(const std::string& class_name,
                                       const Json& config) {
  const std::string cls = canonical_class(class_name);
  ConfigReader r(config);
  if (cls == "SGD") {
    return build<SGD, SGDOptions>(r, [&](SGDOptions& o) {
      r.read("momentum", o.momentum);
      r.read("nesterov", o.nesterov);
    });
  }
  if (cls == "Adam") {
    return build<Adam, AdamOptions>(r, [&](AdamOptions& o) {
      r.read("beta_1", o.beta_1);
      r.read("beta_2", o.beta_2);
      r.read("epsilon", o.epsilon);
      r.read("amsgrad", o.amsgrad);
    });
  }
  if (cls == "AdamW") {
    return build<AdamW, AdamWOptions>(r, [&](AdamWOptions& o) {
      r.read("beta_1", o.beta_1);
      r.read("beta_2", o.beta_2);
      r.read("epsilon", o.epsilon);
      r.read("amsgrad", o.amsgrad);
    });
  }
  if (cls == "RMSprop") {
    return build<RMSprop, RMSpropOptions>(r, [&](RMSpropOptions& o) {
      r.read("rho", o.rho);
      r.read("momentum", o.momentum);
      r.read("epsilon", o.epsilon);
      r.read("centered", o.centered);
    });
  }
  if (cls == "Adagrad") {
    return build<Adagrad, AdagradOptions>(r, [&](AdagradOptions& o) {
      r.read("initial_accumulator_value", o.initial_accumulator_value);
      r.read("epsilon", o.epsilon);
    });
  }
  if (cls == "Adadelta") {
    return build<Adadelta, AdadeltaOptions>(r, [&](AdadeltaOptions& o) {
      r.read("rho", o.rho);
      r.read("epsilon", o.epsilon);
    });
  }
  if (cls == "Adamax") {
    return build<Adamax, AdamaxOptions>(r, [&](AdamaxOptions& o) {
      r.read("beta_1", o.beta_1);
      r.read("beta_2", o.beta_2);
      r.read("epsilon", o.epsilon);
    });
  }
  if (cls == "Nadam") {
    return build<Nadam, NadamOptions>(r, [&](NadamOptions& o) {
      r.read("beta_1", o.beta_1);
      r.read("beta_2", o.beta_2);
      r.read("epsilon", o.epsilon);
    });
  }
  if (cls == "Lamb") {
    return build<Lamb, LambOptions>(r, [&](LambOptions& o) {
      r.read("beta_1", o.beta_1);
      r.read("beta_2", o.beta_2);
      r.read("epsilon", o.epsilon);
    });
  }
  if (cls == "Lion") {
    return build<Lion, LionOptions>(r, [&](LionOptions& o) {
      r.read("beta_1", o.beta_1);
      r.read("beta_2", o.beta_2);
    });
  }
  if (cls == "Ftrl") {
    return build<Ftrl, FtrlOptions>(r, [&](FtrlOptions& o) {
      r.read("learning_rate_power", o.learning_rate_power);
      r.read("initial_accumulator_value", o.initial_accumulator_value);
      r.read("l1_regularization_strength", o.l1_regularization_strength);
      r.read("l2_regularization_strength", o.l2_regularization_strength);
      r.read("l2_shrinkage_regularization_strength",
             o.l2_shrinkage_regularization_strength);
      r.read("beta", o.beta);
    });
  }
  if (cls == "LossScaleOptimizer") {
    return loss_scale_optimizer_from_config(config);
  }
  if (cls == "Adafactor") {
    return build<Adafactor, AdafactorOptions>(r, [&](AdafactorOptions& o) {
      r.read("beta_2_decay", o.beta_2_decay);
      r.read("epsilon_1", o.epsilon_1);
      r.read("epsilon_2", o.epsilon_2);
      r.read("clip_threshold", o.clip_threshold);
      r.read("relative_step", o.relative_step);
    });
  }
  if (is_unimplemented(class_name)) throw_unimplemented(class_name);
  throw ValueError(
      str("Could not interpret optimizer identifier: ", class_name));
}

std::shared_ptr<Optimizer> get(const std::string& identifier) {
  return from_config(identifier, Json::object());
}

std::shared_ptr<Optimizer> deserialize(const Json& record) {
  if (record.is_string()) return get(record.get<std::string>());
  if (!record.is_object() || !record.contains("class_name") ||
      !record.at("class_name").is_string()) {
    throw ValueError(
        str("Could not interpret optimizer identifier: ", record.dump()));
  }
  std::string class_name = record.at("class_name").get<std::string>();
  // A registered name like "Adam" helps when class_name is unusual; custom
  // ("package>Name") optimizers are not supported.
  if (canonical_class(class_name).empty() &&
      record.contains("registered_name") &&
      record.at("registered_name").is_string()) {
    const std::string registered = record.at("registered_name");
    if (!canonical_class(registered).empty()) class_name = registered;
  }
  if (canonical_class(class_name).empty() && !is_unimplemented(class_name)) {
    throw TypeError(str(
        "Could not locate class '", class_name,
        "'. Make sure custom classes and functions are decorated with "
        "`@keras.saving.register_keras_serializable()`. Full object config: ",
        record.dump()));
  }
  const Json config =
      record.contains("config") ? record.at("config") : Json::object();
  return from_config(class_name, config);
}

Json serialize(const Optimizer& optimizer) {
  Json record = Json::object();
  record["module"] = "keras.optimizers";
  record["class_name"] = optimizer.class_name();
  record["config"] = optimizer.get_config();
  record["registered_name"] = nullptr;
  return record;
}

}  // namespace keras::optimizers
