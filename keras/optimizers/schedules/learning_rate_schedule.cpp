#include "keras/optimizers/schedules/learning_rate_schedule.h"

#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "keras/core/error.h"
#include "keras/utils/json_utils.h"

namespace keras::optimizers::schedules {

namespace {

// Keras converts Python numbers to float32 tensors; each schedule computes
// in float32 from there.
float f32(const ConfigNumber& n) { return static_cast<float>(n.value()); }

// π as ops.array(math.pi, dtype=float32).
constexpr float kPi = static_cast<float>(M_PI);

// Python's repr of a number, for messages.
std::string repr(const ConfigNumber& n) { return n.to_json().dump(); }

void check_decay_steps(const ConfigNumber& steps, const char* key) {
  if (steps.value() <= 0) {
    throw ValueError(str("Argument `", key, "` must be > 0. Received: ", key,
                         "=", repr(steps)));
  }
}

Json numbers_to_json(const std::vector<ConfigNumber>& numbers) {
  Json out = Json::array();
  for (const auto& n : numbers) out.push_back(n.to_json());
  return out;
}

std::string list_repr(const std::vector<ConfigNumber>& numbers) {
  std::string out = "[";
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (i) out += ", ";
    out += repr(numbers[i]);
  }
  return out + "]";
}

// The config of ExponentialDecay and InverseTimeDecay (same arguments).
template <class Options>
Json rate_decay_config(const Options& o) {
  Json c = Json::object();
  c["initial_learning_rate"] = o.initial_learning_rate.to_json();
  c["decay_steps"] = o.decay_steps.to_json();
  c["decay_rate"] = o.decay_rate.to_json();
  c["staircase"] = o.staircase;
  c["name"] = o.name;
  return c;
}

}  // namespace

Json ConfigNumber::to_json() const {
  if (integral_) return Json(static_cast<std::int64_t>(value_));
  return Json(value_);
}

ConfigNumber ConfigNumber::from_json(const Json& value,
                                     const std::string& key) {
  if (value.is_number_integer())
    return ConfigNumber(integer_of<std::int64_t>(value));
  if (value.is_number()) return ConfigNumber(value.get<double>());
  throw TypeError(str("Argument `", key, "` should be a number. Received: ",
                      key, "=", value.dump()));
}

LearningRateSchedule::~LearningRateSchedule() = default;

// ---- ExponentialDecay ----

ExponentialDecay::ExponentialDecay(const ExponentialDecayOptions& options)
    : o_(options) {
  check_decay_steps(o_.decay_steps, "decay_steps");
}

float ExponentialDecay::operator()(std::int64_t step) const {
  float p = static_cast<float>(step) / f32(o_.decay_steps);
  if (o_.staircase) p = std::floor(p);
  return f32(o_.initial_learning_rate) * std::pow(f32(o_.decay_rate), p);
}

Json ExponentialDecay::get_config() const { return rate_decay_config(o_); }

// ---- PiecewiseConstantDecay ----

PiecewiseConstantDecay::PiecewiseConstantDecay(
    const PiecewiseConstantDecayOptions& options)
    : o_(options) {
  if (o_.boundaries.size() + 1 != o_.values.size()) {
    throw ValueError(
        str("The length of boundaries should be 1 less than the length of "
            "values. Received: boundaries=",
            list_repr(o_.boundaries), " of length ", o_.boundaries.size(),
            ", and values=", list_repr(o_.values), " of length ",
            o_.values.size(), "."));
  }
}

float PiecewiseConstantDecay::operator()(std::int64_t step) const {
  // Keras casts the boundaries to the step's integer dtype (truncating).
  auto boundary = [&](std::size_t i) {
    return static_cast<std::int64_t>(o_.boundaries[i].value());
  };
  if (o_.boundaries.empty() || step <= boundary(0)) return f32(o_.values[0]);
  for (std::size_t i = 1; i < o_.boundaries.size(); ++i) {
    if (step > boundary(i - 1) && step <= boundary(i)) {
      return f32(o_.values[i]);
    }
  }
  return f32(o_.values.back());
}

Json PiecewiseConstantDecay::get_config() const {
  Json c = Json::object();
  c["boundaries"] = numbers_to_json(o_.boundaries);
  c["values"] = numbers_to_json(o_.values);
  c["name"] = o_.name;
  return c;
}

// ---- PolynomialDecay ----

PolynomialDecay::PolynomialDecay(const PolynomialDecayOptions& options)
    : o_(options) {
  check_decay_steps(o_.decay_steps, "decay_steps");
}

float PolynomialDecay::operator()(std::int64_t step_in) const {
  const float lr0 = f32(o_.initial_learning_rate);
  const float end = f32(o_.end_learning_rate);
  float step = static_cast<float>(step_in);
  float decay_steps = f32(o_.decay_steps);
  if (o_.cycle) {
    const float multiplier =
        step == 0 ? 1.0f : std::ceil(step / f32(o_.decay_steps));
    decay_steps = decay_steps * multiplier;
  } else {
    step = std::min(step, decay_steps);
  }
  const float p = step / decay_steps;
  return (lr0 - end) * std::pow(1.0f - p, f32(o_.power)) + end;
}

Json PolynomialDecay::get_config() const {
  Json c = Json::object();
  c["initial_learning_rate"] = o_.initial_learning_rate.to_json();
  c["decay_steps"] = o_.decay_steps.to_json();
  c["end_learning_rate"] = o_.end_learning_rate.to_json();
  c["power"] = o_.power.to_json();
  c["cycle"] = o_.cycle;
  c["name"] = o_.name;
  return c;
}

// ---- InverseTimeDecay ----

InverseTimeDecay::InverseTimeDecay(const InverseTimeDecayOptions& options)
    : o_(options) {
  check_decay_steps(o_.decay_steps, "decay_steps");
}

float InverseTimeDecay::operator()(std::int64_t step) const {
  float p = static_cast<float>(step) / f32(o_.decay_steps);
  if (o_.staircase) p = std::floor(p);
  return f32(o_.initial_learning_rate) / (1.0f + f32(o_.decay_rate) * p);
}

Json InverseTimeDecay::get_config() const { return rate_decay_config(o_); }

// ---- CosineDecay ----

CosineDecay::CosineDecay(const CosineDecayOptions& options) : o_(options) {
  check_decay_steps(o_.decay_steps, "decay_steps");
}

float CosineDecay::operator()(std::int64_t step_in) const {
  const float lr0 = f32(o_.initial_learning_rate);
  const float decay_steps = f32(o_.decay_steps);
  // (1 - alpha) and alpha are Python floats: each rounded once to float32.
  const float one_minus_alpha = static_cast<float>(1.0 - o_.alpha.value());
  const float alpha = f32(o_.alpha);
  auto decay = [&](float step, float from_lr) {
    const float fraction = step / decay_steps;
    const float cosine = 0.5f * (1.0f + std::cos(kPi * fraction));
    return from_lr * (one_minus_alpha * cosine + alpha);
  };
  float step = static_cast<float>(step_in);
  if (!o_.warmup_target) return decay(std::min(step, decay_steps), lr0);
  const float target = f32(*o_.warmup_target);
  const float warmup_steps = f32(o_.warmup_steps);
  step = std::min(step, decay_steps + warmup_steps);
  if (step < warmup_steps) {
    return (target - lr0) * (step / warmup_steps) + lr0;
  }
  return decay(step - warmup_steps, target);
}

Json CosineDecay::get_config() const {
  Json c = Json::object();
  c["initial_learning_rate"] = o_.initial_learning_rate.to_json();
  c["decay_steps"] = o_.decay_steps.to_json();
  c["alpha"] = o_.alpha.to_json();
  c["name"] = o_.name;
  c["warmup_target"] =
      o_.warmup_target ? o_.warmup_target->to_json() : Json(nullptr);
  c["warmup_steps"] = o_.warmup_steps.to_json();
  return c;
}

// ---- CosineDecayRestarts ----

CosineDecayRestarts::CosineDecayRestarts(
    const CosineDecayRestartsOptions& options)
    : o_(options) {
  check_decay_steps(o_.first_decay_steps, "first_decay_steps");
}

float CosineDecayRestarts::operator()(std::int64_t step) const {
  const float t_mul = f32(o_.t_mul);
  const float m_mul = f32(o_.m_mul);
  const float alpha = f32(o_.alpha);
  float fraction = static_cast<float>(step) / f32(o_.first_decay_steps);
  float i_restart;
  if (t_mul == 1.0f) {
    i_restart = std::floor(fraction);
    fraction -= i_restart;
  } else {
    i_restart = std::floor(std::log(1.0f - fraction * (1.0f - t_mul)) /
                           std::log(t_mul));
    const float sum_r = (1.0f - std::pow(t_mul, i_restart)) / (1.0f - t_mul);
    fraction = (fraction - sum_r) / std::pow(t_mul, i_restart);
  }
  const float m_fac = std::pow(m_mul, i_restart);
  const float cosine = 0.5f * m_fac * (1.0f + std::cos(kPi * fraction));
  return f32(o_.initial_learning_rate) * ((1.0f - alpha) * cosine + alpha);
}

Json CosineDecayRestarts::get_config() const {
  Json c = Json::object();
  c["initial_learning_rate"] = o_.initial_learning_rate.to_json();
  c["first_decay_steps"] = o_.first_decay_steps.to_json();
  c["t_mul"] = o_.t_mul.to_json();
  c["m_mul"] = o_.m_mul.to_json();
  c["alpha"] = o_.alpha.to_json();
  c["name"] = o_.name;
  return c;
}

// ---- (de)serialization ----

Json serialize(const LearningRateSchedule& schedule) {
  Json record = Json::object();
  record["module"] = "keras.optimizers.schedules";
  record["class_name"] = schedule.class_name();
  record["config"] = schedule.get_config();
  record["registered_name"] = nullptr;
  return record;
}

namespace {

// Reads constructor arguments from a config dict as Python's cls(**config)
// would: unknown keys and missing required arguments are TypeErrors.
class ArgReader {
 public:
  ArgReader(const Json& config, std::string class_name)
      : config_(config), class_name_(std::move(class_name)) {
    if (!config_.is_object()) {
      throw TypeError(str(class_name_, ".from_config() expects a dict. ",
                          "Received: ", config_.dump()));
    }
  }

  void number(const char* key, ConfigNumber& out, bool required = false) {
    if (!take(key, required)) return;
    out = ConfigNumber::from_json(config_.at(key), key);
  }
  void optional_number(const char* key, std::optional<ConfigNumber>& out) {
    if (!take(key, false)) return;
    if (config_.at(key).is_null()) {
      out.reset();
    } else {
      out = ConfigNumber::from_json(config_.at(key), key);
    }
  }
  void numbers(const char* key, std::vector<ConfigNumber>& out) {
    take(key, true);
    const Json& v = config_.at(key);
    if (!v.is_array()) {
      throw TypeError(str("Argument `", key, "` should be a list. Received: ",
                          key, "=", v.dump()));
    }
    out.clear();
    for (const Json& n : v) out.push_back(ConfigNumber::from_json(n, key));
  }
  void boolean(const char* key, bool& out) {
    if (!take(key, false)) return;
    const Json& v = config_.at(key);
    if (!v.is_boolean()) {
      throw TypeError(str("Argument `", key, "` should be a bool. Received: ",
                          key, "=", v.dump()));
    }
    out = v.get<bool>();
  }
  void string(const char* key, std::string& out) {
    if (!take(key, false)) return;
    const Json& v = config_.at(key);
    if (!v.is_string()) {
      throw TypeError(str("Argument `", key, "` should be a string. Received: ",
                          key, "=", v.dump()));
    }
    out = v.get<std::string>();
  }
  void finish() const {
    for (const auto& [key, value] : config_.items()) {
      if (!used_.count(key)) {
        throw TypeError(str(class_name_,
                            ".__init__() got an unexpected keyword argument '",
                            key, "'"));
      }
    }
  }

 private:
  bool take(const char* key, bool required) {
    if (!config_.contains(key)) {
      if (required) {
        throw TypeError(str(class_name_,
                            ".__init__() missing 1 required positional "
                            "argument: '",
                            key, "'"));
      }
      return false;
    }
    used_.insert(key);
    return true;
  }

  const Json& config_;
  std::string class_name_;
  std::set<std::string> used_;
};

// ExponentialDecay and InverseTimeDecay take the same arguments.
template <class Schedule, class Options>
LearningRateSchedulePtr read_rate_decay(ArgReader& r) {
  Options o;
  r.number("initial_learning_rate", o.initial_learning_rate, true);
  r.number("decay_steps", o.decay_steps, true);
  r.number("decay_rate", o.decay_rate, true);
  r.boolean("staircase", o.staircase);
  r.string("name", o.name);
  r.finish();
  return std::make_shared<Schedule>(o);
}

using Factory = std::function<LearningRateSchedulePtr(ArgReader&)>;

const std::map<std::string, Factory>& factories() {
  static const std::map<std::string, Factory> table = {
      {"ExponentialDecay",
       read_rate_decay<ExponentialDecay, ExponentialDecayOptions>},
      {"PiecewiseConstantDecay",
       [](ArgReader& r) {
         PiecewiseConstantDecayOptions o;
         r.numbers("boundaries", o.boundaries);
         r.numbers("values", o.values);
         r.string("name", o.name);
         r.finish();
         return std::make_shared<PiecewiseConstantDecay>(o);
       }},
      {"PolynomialDecay",
       [](ArgReader& r) {
         PolynomialDecayOptions o;
         r.number("initial_learning_rate", o.initial_learning_rate, true);
         r.number("decay_steps", o.decay_steps, true);
         r.number("end_learning_rate", o.end_learning_rate);
         r.number("power", o.power);
         r.boolean("cycle", o.cycle);
         r.string("name", o.name);
         r.finish();
         return std::make_shared<PolynomialDecay>(o);
       }},
      {"InverseTimeDecay",
       read_rate_decay<InverseTimeDecay, InverseTimeDecayOptions>},
      {"CosineDecay",
       [](ArgReader& r) {
         CosineDecayOptions o;
         r.number("initial_learning_rate", o.initial_learning_rate, true);
         r.number("decay_steps", o.decay_steps, true);
         r.number("alpha", o.alpha);
         r.string("name", o.name);
         r.optional_number("warmup_target", o.warmup_target);
         r.number("warmup_steps", o.warmup_steps);
         r.finish();
         return std::make_shared<CosineDecay>(o);
       }},
      {"CosineDecayRestarts",
       [](ArgReader& r) {
         CosineDecayRestartsOptions o;
         r.number("initial_learning_rate", o.initial_learning_rate, true);
         r.number("first_decay_steps", o.first_decay_steps, true);
         r.number("t_mul", o.t_mul);
         r.number("m_mul", o.m_mul);
         r.number("alpha", o.alpha);
         r.string("name", o.name);
         r.finish();
         return std::make_shared<CosineDecayRestarts>(o);
       }},
  };
  return table;
}

}  // namespace

LearningRateSchedulePtr from_config(const std::string& class_name,
                                    const Json& config) {
  const auto& table = factories();
  const auto it = table.find(class_name);
  if (it == table.end()) {
    throw TypeError(
        str("Could not locate class '", class_name,
            "'. Make sure custom classes and functions are decorated with "
            "`@keras.saving.register_keras_serializable()`."));
  }
  ArgReader reader(config, class_name);
  return it->second(reader);
}

LearningRateSchedulePtr deserialize(const Json& record) {
  if (!record.is_object() || !record.contains("class_name") ||
      !record.at("class_name").is_string()) {
    throw ValueError(
        str("Could not interpret learning rate schedule: ", record.dump()));
  }
  const std::string class_name = record.at("class_name");
  // Keras 3 refuses records without a module (Keras-2 style).
  if (!record.contains("module")) {
    throw TypeError(str(
        "Could not locate class '", class_name,
        "'. Make sure custom classes and functions are decorated with "
        "`@keras.saving.register_keras_serializable()`. Full object config: ",
        record.dump()));
  }
  return from_config(class_name, record.value("config", Json::object()));
}

}  // namespace keras::optimizers::schedules
