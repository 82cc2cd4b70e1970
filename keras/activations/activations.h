// File: keras/activations/activations.h
// -----------------------------------------------------------------------------
// Activation functions (Python: keras/src/activations/). An Activation is a
// named function; built-ins serialize as their name ("relu"), registered
// custom functions as Keras' function record whose config is the registered
// name ("my_package>custom_fn").
//
//   Dense(64, {.activation = "relu"});
//   saving::register_keras_serializable_function("my_package", "custom_fn",
//       [](const Tensor& x) { return ops::square(x); });
//   Dense(1, {.activation = "my_package>custom_fn"});
// -----------------------------------------------------------------------------
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "keras/backend/tensor.h"
#include "keras/core/json.h"
#include "keras/saving/object_registration.h"

namespace keras::activations {

using ActivationFn = std::function<Tensor(const Tensor&)>;

class Activation {
 public:
  Activation();  // linear
  Activation(const char* identifier);
  Activation(const std::string& identifier);
  // A function under a name (a built-in name or a registered "pkg>name").
  Activation(std::string name, ActivationFn fn);

  Tensor operator()(const Tensor& x) const { return fn_(x); }
  const std::string& name() const { return name_; }
  bool is_linear() const { return name_ == "linear"; }
  bool is_builtin() const;
  // The config value Keras writes in layer configs.
  Json serialize() const;

 private:
  std::string name_;
  ActivationFn fn_;
};

// Resolves a built-in name ("relu", "swish" -> "silu", ...) or a registered
// function; throws ValueError naming the identifier otherwise.
Activation get(const std::string& identifier,
               const saving::CustomObjects* custom_objects = nullptr);
// Reads a layer config value: a string, a function record, or null (linear).
Activation deserialize(const Json& value,
                       const saving::CustomObjects* custom_objects = nullptr);

// Built-in functions (keras.activations.*, same defaults; a name used as an
// activation identifier calls them with their defaults).
Tensor linear(const Tensor& x);
Tensor relu(const Tensor& x);
// Keras' relu with its options (what layers::ReLU computes): x above
// `threshold`, else negative_slope * (x - threshold), capped at max_value.
Tensor relu(const Tensor& x, double negative_slope,
            std::optional<double> max_value = std::nullopt,
            double threshold = 0.0);
Tensor relu6(const Tensor& x);
Tensor leaky_relu(const Tensor& x, double negative_slope = 0.2);
Tensor elu(const Tensor& x, double alpha = 1.0);
Tensor celu(const Tensor& x, double alpha = 1.0);
Tensor selu(const Tensor& x);
Tensor gelu(const Tensor& x, bool approximate = false);
// Gated linear unit: a * sigmoid(b), a and b the two halves along `axis`.
Tensor glu(const Tensor& x, std::int64_t axis = -1);
Tensor sigmoid(const Tensor& x);
Tensor hard_sigmoid(const Tensor& x);
Tensor log_sigmoid(const Tensor& x);
Tensor sparse_sigmoid(const Tensor& x);
Tensor hard_silu(const Tensor& x);  // also "hard_swish"
Tensor tanh(const Tensor& x);
Tensor hard_tanh(const Tensor& x);
Tensor tanh_shrink(const Tensor& x);
Tensor hard_shrink(const Tensor& x, double threshold = 0.5);
Tensor soft_shrink(const Tensor& x, double threshold = 0.5);
// x where x > threshold, else default_value (no defaults in Keras either:
// the identifier "threshold" resolves, but calling it without them fails).
Tensor threshold(const Tensor& x, double threshold, double default_value);
Tensor softmax(const Tensor& x, std::int64_t axis = -1);
Tensor log_softmax(const Tensor& x, std::int64_t axis = -1);
// Keras' sparsemax, including its 3.15 quirk (see ops/sparsemax.h).
Tensor sparsemax(const Tensor& x, std::int64_t axis = -1);
Tensor softplus(const Tensor& x);
Tensor sparse_plus(const Tensor& x);
Tensor squareplus(const Tensor& x, double b = 4.0);
Tensor softsign(const Tensor& x);
Tensor silu(const Tensor& x);  // also "swish"
Tensor mish(const Tensor& x);
Tensor exponential(const Tensor& x);

}  // namespace keras::activations

namespace keras::saving {
template <>
struct KindName<activations::ActivationFn> {
  static constexpr const char* value = "function";
};

// Registers a function under "package>name" (Keras'
// register_keras_serializable on a function); returns the registered name.
std::string register_keras_serializable_function(const std::string& package,
                                                 const std::string& name,
                                                 activations::ActivationFn fn);
// A custom_objects entry for a function.
ObjectFactory function_object(activations::ActivationFn fn);

// serialize_keras_object(fn): Keras' function record
// {"module": "builtins", "class_name": "function", "config": <name>,
//  "registered_name": "function"} (<name> is "package>name" for registered
// functions). Layer configs write built-ins as plain names instead
// (Activation::serialize).
Json serialize_keras_object(const activations::Activation& fn);
// The function's name: "relu", "my_package>custom_fn".
inline std::string get_registered_name(const activations::Activation& fn) {
  return fn.name();
}
}  // namespace keras::saving
