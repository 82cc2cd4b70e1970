#include "keras/constraints/constraints.h"

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/utils/json_utils.h"

namespace keras::constraints {

namespace {

ops::Axes to_axes(const Json& axis) {
  ops::Axes axes;
  if (axis.is_array()) {
    for (const Json& a : axis) axes.push_back(integer_of<std::int64_t>(a));
  } else {
    axes.push_back(integer_of<std::int64_t>(axis));
  }
  return axes;
}

Tensor norms(const Tensor& w, const Json& axis) {
  return ops::sqrt(ops::sum(ops::square(w), to_axes(axis), true));
}

constexpr double kEpsilon = 1e-7;  // keras.config.epsilon()

}  // namespace

Tensor NonNeg::operator()(const Tensor& w) const {
  return w *
         ops::cast(ops::greater_equal(w, ops::scalar_like(0.0, w)), w.dtype());
}

MinMaxNorm::MinMaxNorm(double min_value, double max_value, double rate,
                       Json axis)
    : min_value_(min_value),
      max_value_(max_value),
      rate_(rate),
      axis_(std::move(axis)) {
  if (!axis_.is_number_integer() && !axis_.is_array()) {
    throw TypeError(
        str("`axis` must be an integer or a list of integers. "
            "Received: axis=",
            axis_.dump()));
  }
}

Tensor MinMaxNorm::operator()(const Tensor& w) const {
  Tensor n = norms(w, axis_);
  Tensor desired =
      rate_ * ops::clip(n, min_value_, max_value_) + (1.0 - rate_) * n;
  return w * (desired / (n + kEpsilon));
}

Json MinMaxNorm::get_config() const {
  return {{"min_value", min_value_},
          {"max_value", max_value_},
          {"rate", rate_},
          {"axis", axis_}};
}

MaxNorm::MaxNorm(double max_value, Json axis)
    : MinMaxNorm(0.0, max_value, 1.0, std::move(axis)) {}

Tensor MaxNorm::operator()(const Tensor& w) const {
  Tensor n = norms(w, axis_);
  Tensor desired = ops::clip(n, 0.0, max_value_);
  return w * (desired / (n + kEpsilon));
}

Json MaxNorm::get_config() const {
  return {{"max_value", max_value_}, {"axis", axis_}};
}

ConstraintPtr get(const std::string& identifier) {
  if (identifier == "non_neg" || identifier == "NonNeg") {
    return std::make_shared<NonNeg>();
  }
  if (identifier == "max_norm" || identifier == "MaxNorm") {
    return std::make_shared<MaxNorm>();
  }
  if (identifier == "unit_norm" || identifier == "UnitNorm") {
    return std::make_shared<UnitNorm>();
  }
  if (identifier == "min_max_norm" || identifier == "MinMaxNorm") {
    return std::make_shared<MinMaxNorm>();
  }
  throw ValueError(
      str("Could not interpret constraint identifier: ", identifier));
}

void register_builtins() {
  using saving::ConfigReader;
  saving::register_builtin<Constraint>(
      "NonNeg", [](const Json&) { return std::make_shared<NonNeg>(); });
  saving::register_builtin<Constraint>("MaxNorm", [](const Json& c) {
    ConfigReader r(c, "MaxNorm");
    return std::make_shared<MaxNorm>(r.get("max_value", 2.0),
                                     r.get<Json>("axis", 0));
  });
  saving::register_builtin<Constraint>("UnitNorm", [](const Json& c) {
    return std::make_shared<UnitNorm>(
        ConfigReader(c, "UnitNorm").get<Json>("axis", 0));
  });
  saving::register_builtin<Constraint>("MinMaxNorm", [](const Json& c) {
    ConfigReader r(c, "MinMaxNorm");
    return std::make_shared<MinMaxNorm>(
        r.get("min_value", 0.0), r.get("max_value", 1.0), r.get("rate", 1.0),
        r.get<Json>("axis", 0));
  });
}

}  // namespace keras::constraints
