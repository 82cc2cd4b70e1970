#include "keras/activations/activations.h"

#include <map>

#include "keras/ops/ops.h"

namespace keras::activations {

Tensor linear(const Tensor& x) { return x; }
Tensor relu(const Tensor& x) { return ops::relu(x); }
Tensor relu6(const Tensor& x) { return ops::clip(x, 0.0, 6.0); }
Tensor leaky_relu(const Tensor& x, double negative_slope) {
  return ops::where(ops::greater(x, ops::scalar_like(0.0, x)), x,
                    x * negative_slope);
}
Tensor elu(const Tensor& x, double alpha) {
  return ops::where(ops::greater(x, ops::scalar_like(0.0, x)), x,
                    alpha * ops::expm1(x));
}
Tensor selu(const Tensor& x) {
  constexpr double kAlpha = 1.67326324235437728481;
  constexpr double kScale = 1.05070098735548049342;
  return kScale * elu(x, kAlpha);
}
Tensor sigmoid(const Tensor& x) { return ops::sigmoid(x); }
Tensor hard_sigmoid(const Tensor& x) {
  return ops::clip(x * (1.0 / 6.0) + 0.5, 0.0, 1.0);
}
Tensor tanh(const Tensor& x) { return ops::tanh(x); }
Tensor softmax(const Tensor& x, std::int64_t axis) {
  return ops::softmax(x, axis);
}
Tensor log_softmax(const Tensor& x, std::int64_t axis) {
  return ops::log_softmax(x, axis);
}
Tensor softplus(const Tensor& x) { return ops::softplus(x); }
Tensor softsign(const Tensor& x) { return x / (ops::abs(x) + 1.0); }
Tensor silu(const Tensor& x) { return x * ops::sigmoid(x); }
Tensor exponential(const Tensor& x) { return ops::exp(x); }

namespace {

const std::map<std::string, ActivationFn>& builtins() {
  static const std::map<std::string, ActivationFn> table = {
      {"linear", linear},
      {"relu", relu},
      {"relu6", relu6},
      {"leaky_relu", [](const Tensor& x) { return leaky_relu(x); }},
      {"elu", [](const Tensor& x) { return elu(x); }},
      {"selu", selu},
      {"sigmoid", sigmoid},
      {"hard_sigmoid", hard_sigmoid},
      {"tanh", tanh},
      {"softmax", [](const Tensor& x) { return softmax(x); }},
      {"log_softmax", [](const Tensor& x) { return log_softmax(x); }},
      {"softplus", softplus},
      {"softsign", softsign},
      {"silu", silu},
      {"exponential", exponential},
  };
  return table;
}

// Keras writes some activations under a canonical name.
std::string canonical(const std::string& name) {
  if (name == "swish") return "silu";
  if (name == "hard_swish") return "hard_silu";
  return name;
}

}  // namespace

Activation::Activation() : name_("linear"), fn_(linear) {}
Activation::Activation(const char* identifier) : Activation(get(identifier)) {}
Activation::Activation(const std::string& identifier)
    : Activation(get(identifier)) {}
Activation::Activation(std::string name, ActivationFn fn)
    : name_(std::move(name)), fn_(std::move(fn)) {
  if (!fn_) throw ValueError(str("Activation '", name_, "' has no function."));
}

bool Activation::is_builtin() const { return builtins().contains(name_); }

Json Activation::serialize() const {
  if (is_builtin()) return name_;
  return {{"module", "builtins"},
          {"class_name", "function"},
          {"config", name_},
          {"registered_name", "function"}};
}

Activation get(const std::string& identifier,
               const saving::CustomObjects* custom_objects) {
  const std::string name = canonical(identifier);
  if (auto it = builtins().find(name); it != builtins().end()) {
    return Activation(name, it->second);
  }
  if (const auto* f = saving::find_custom_object(identifier, custom_objects)) {
    if (f->kind != typeid(ActivationFn)) {
      throw TypeError(str("'", identifier, "' is registered as a ",
                          f->kind_name, ", not as an activation function."));
    }
    return Activation(identifier, std::any_cast<ActivationFn>(f->make(Json())));
  }
  throw ValueError(str(
      "Could not interpret activation function identifier: ", identifier,
      ". Built-in activations are linear, relu, sigmoid, tanh, softmax, ...; "
      "a custom function must be registered with "
      "keras::saving::register_keras_serializable_function(package, name, fn) "
      "or passed in custom_objects."));
}

Activation deserialize(const Json& value,
                       const saving::CustomObjects* custom_objects) {
  if (value.is_null()) return Activation();
  if (value.is_string()) return get(value.get<std::string>(), custom_objects);
  if (value.is_object() && value.value("class_name", "") == "function" &&
      value.contains("config") && value["config"].is_string()) {
    return get(value["config"].get<std::string>(), custom_objects);
  }
  throw TypeError(
      str("Could not interpret activation: ",
          value.dump(-1, ' ', false, Json::error_handler_t::replace)));
}

}  // namespace keras::activations

namespace keras::saving {

ObjectFactory function_object(activations::ActivationFn fn) {
  return {typeid(activations::ActivationFn), "function",
          [fn = std::move(fn)](const Json&) -> std::any { return fn; }};
}

std::string register_keras_serializable_function(const std::string& package,
                                                 const std::string& name,
                                                 activations::ActivationFn fn) {
  return register_object(package, name, function_object(std::move(fn)));
}

}  // namespace keras::saving
