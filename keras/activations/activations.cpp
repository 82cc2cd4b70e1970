#include "keras/activations/activations.h"

#include <map>

#include "keras/ops/ops.h"
#include "keras/ops/sparsemax.h"

namespace keras::activations {

namespace {
Tensor scalar(double v, const Tensor& like) {
  return ops::scalar_like(v, like);
}
}  // namespace

Tensor linear(const Tensor& x) { return x; }
Tensor relu(const Tensor& x) { return ops::relu(x); }
Tensor relu(const Tensor& x, double negative_slope,
            std::optional<double> max_value, double threshold) {
  // Keras' ReLU.static_call, step by step (the result must match Keras at
  // the kinks too, so the same pieces are used).
  if (negative_slope != 0.0 && !max_value && threshold == 0.0) {
    return leaky_relu(x, negative_slope);
  }
  Tensor y;
  bool clip_max = max_value.has_value();
  if (threshold != 0.0) {
    y = ops::where(ops::greater(x, scalar(threshold, x)), x, scalar(0.0, x));
  } else if (max_value == 6.0) {
    y = relu6(x);
    clip_max = false;
  } else {
    y = ops::relu(x);
  }
  if (clip_max) y = ops::clip(y, 0.0, *max_value);
  if (negative_slope != 0.0) {
    y = y - negative_slope * ops::relu(threshold - x);
  }
  return y;
}
Tensor relu6(const Tensor& x) { return ops::clip(x, 0.0, 6.0); }
Tensor leaky_relu(const Tensor& x, double negative_slope) {
  return ops::where(ops::greater(x, scalar(0.0, x)), x, x * negative_slope);
}
Tensor elu(const Tensor& x, double alpha) {
  return ops::where(ops::greater(x, scalar(0.0, x)), x, alpha * ops::expm1(x));
}
Tensor celu(const Tensor& x, double alpha) {
  // max(0, x) + min(0, alpha * (exp(x / alpha) - 1)).
  return ops::where(ops::greater(x, scalar(0.0, x)), x,
                    alpha * ops::expm1(x / alpha));
}
Tensor selu(const Tensor& x) {
  constexpr double kAlpha = 1.67326324235437728481;
  constexpr double kScale = 1.05070098735548049342;
  return kScale * elu(x, kAlpha);
}
Tensor gelu(const Tensor& x, bool approximate) {
  return ops::gelu(x, approximate);
}
Tensor glu(const Tensor& x, std::int64_t axis) {
  if (x.ndim() == 0) {
    throw ValueError("glu: needs a tensor of rank >= 1, got a scalar.");
  }
  const int a = normalize_axis(axis, x.shape().size());
  const std::int64_t n = x.shape()[a];
  if (n >= 0 && n % 2 != 0) {
    throw ValueError(str("axis size must be divisible by 2. Received: x.shape=",
                         shape_str(x.shape()), " with axis=", axis));
  }
  if (x.is_symbolic() && n < 0) {
    Shape shape = x.shape();
    return Tensor::symbolic(shape, x.dtype());
  }
  return ops::slice_axis(x, a, 0, n / 2) *
         ops::sigmoid(ops::slice_axis(x, a, n / 2, n));
}
Tensor sigmoid(const Tensor& x) { return ops::sigmoid(x); }
Tensor hard_sigmoid(const Tensor& x) {
  return ops::clip(x * (1.0 / 6.0) + 0.5, 0.0, 1.0);
}
Tensor log_sigmoid(const Tensor& x) { return -ops::softplus(-x); }
Tensor sparse_sigmoid(const Tensor& x) {
  return ops::clip(0.5 * (x + 1.0), 0.0, 1.0);
}
Tensor hard_silu(const Tensor& x) { return x * hard_sigmoid(x); }
Tensor tanh(const Tensor& x) { return ops::tanh(x); }
Tensor hard_tanh(const Tensor& x) { return ops::clip(x, -1.0, 1.0); }
Tensor tanh_shrink(const Tensor& x) { return x - ops::tanh(x); }
Tensor hard_shrink(const Tensor& x, double threshold) {
  return ops::where(ops::greater(ops::abs(x), scalar(threshold, x)), x,
                    scalar(0.0, x));
}
Tensor soft_shrink(const Tensor& x, double threshold) {
  return ops::where(ops::greater(x, scalar(threshold, x)), x - threshold,
                    ops::where(ops::less(x, scalar(-threshold, x)),
                               x + threshold, scalar(0.0, x)));
}
Tensor threshold(const Tensor& x, double threshold, double default_value) {
  return ops::where(ops::greater(x, scalar(threshold, x)), x,
                    scalar(default_value, x));
}
Tensor softmax(const Tensor& x, std::int64_t axis) {
  return ops::softmax(x, axis);
}
Tensor log_softmax(const Tensor& x, std::int64_t axis) {
  return ops::log_softmax(x, axis);
}
Tensor sparsemax(const Tensor& x, std::int64_t axis) {
  return ops::sparsemax(x, axis);
}
Tensor softplus(const Tensor& x) { return ops::softplus(x); }
Tensor sparse_plus(const Tensor& x) {
  // 0 for x <= -1, (x + 1)^2 / 4 for -1 < x < 1, x for x >= 1.
  return ops::where(
      ops::less_equal(x, scalar(-1.0, x)), scalar(0.0, x),
      ops::where(ops::less(x, scalar(1.0, x)), 0.25 * ops::square(x + 1.0), x));
}
Tensor squareplus(const Tensor& x, double b) {
  return (x + ops::sqrt(ops::square(x) + b)) / 2.0;
}
Tensor softsign(const Tensor& x) { return x / (ops::abs(x) + 1.0); }
Tensor silu(const Tensor& x) { return x * ops::sigmoid(x); }
Tensor mish(const Tensor& x) { return x * ops::tanh(ops::softplus(x)); }
Tensor exponential(const Tensor& x) { return ops::exp(x); }

namespace {

const std::map<std::string, ActivationFn>& builtins() {
  // Every function of keras.activations.ALL_OBJECTS, called with its
  // defaults.
  using T = const Tensor&;
  static const std::map<std::string, ActivationFn> table = {
      {"linear", [](T x) { return linear(x); }},
      {"relu", [](T x) { return relu(x); }},
      {"relu6", [](T x) { return relu6(x); }},
      {"leaky_relu", [](T x) { return leaky_relu(x); }},
      {"elu", [](T x) { return elu(x); }},
      {"celu", [](T x) { return celu(x); }},
      {"selu", [](T x) { return selu(x); }},
      {"gelu", [](T x) { return gelu(x); }},
      {"glu", [](T x) { return glu(x); }},
      {"sigmoid", [](T x) { return sigmoid(x); }},
      {"hard_sigmoid", [](T x) { return hard_sigmoid(x); }},
      {"log_sigmoid", [](T x) { return log_sigmoid(x); }},
      {"sparse_sigmoid", [](T x) { return sparse_sigmoid(x); }},
      {"hard_silu", [](T x) { return hard_silu(x); }},
      {"tanh", [](T x) { return tanh(x); }},
      {"hard_tanh", [](T x) { return hard_tanh(x); }},
      {"tanh_shrink", [](T x) { return tanh_shrink(x); }},
      {"hard_shrink", [](T x) { return hard_shrink(x); }},
      {"soft_shrink", [](T x) { return soft_shrink(x); }},
      {"threshold",
       [](T) -> Tensor {
         // What Python raises for keras.activations.threshold(x).
         throw TypeError(
             "threshold() missing 2 required positional arguments: "
             "'threshold' and 'default_value'");
       }},
      {"softmax", [](T x) { return softmax(x); }},
      {"log_softmax", [](T x) { return log_softmax(x); }},
      {"sparsemax", [](T x) { return sparsemax(x); }},
      {"softplus", [](T x) { return softplus(x); }},
      {"sparse_plus", [](T x) { return sparse_plus(x); }},
      {"squareplus", [](T x) { return squareplus(x); }},
      {"softsign", [](T x) { return softsign(x); }},
      {"silu", [](T x) { return silu(x); }},
      {"mish", [](T x) { return mish(x); }},
      {"exponential", [](T x) { return exponential(x); }},
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
  return saving::serialize_keras_object(*this);
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

Json serialize_keras_object(const activations::Activation& fn) {
  return {{"module", "builtins"},
          {"class_name", "function"},
          {"config", fn.name()},
          {"registered_name", "function"}};
}

std::string register_keras_serializable_function(const std::string& package,
                                                 const std::string& name,
                                                 activations::ActivationFn fn) {
  return register_object(package, name, function_object(std::move(fn)));
}

}  // namespace keras::saving
