#include "keras/layers/activations/prelu.h"

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

PReLULayer::PReLULayer(PReLUOptions options)
    : Layer(options.base, "p_re_lu"), options_(std::move(options)) {}

void PReLULayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  Shape param_shape(shape.begin() + (shape.empty() ? 0 : 1), shape.end());
  if (options_.shared_axes) {
    for (std::int64_t axis : *options_.shared_axes) {
      if (axis < 1 || axis > static_cast<std::int64_t>(param_shape.size())) {
        throw ValueError(str("PReLU '", name(), "': invalid shared axis ", axis,
                             " for inputs of shape ", shape_str(shape),
                             " (shared_axes count from 1, the batch axis "
                             "excluded)."));
      }
      param_shape[axis - 1] = 1;
    }
  }
  alpha_ = add_weight({.name = "alpha",
                       .shape = param_shape,
                       .initializer = options_.alpha_initializer,
                       .regularizer = options_.alpha_regularizer,
                       .constraint = options_.alpha_constraint});
}

Tensors PReLULayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  // Keras' InputSpec(ndim, axes) checks, with its messages.
  const Shape& alpha_shape = alpha_->shape();
  const std::int64_t ndim = static_cast<std::int64_t>(alpha_shape.size()) + 1;
  if (x.ndim() != ndim) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected ndim=",
                         ndim, ", found ndim=", x.ndim(),
                         ". Full shape received: ", shape_str(x.shape())));
  }
  for (std::size_t i = 0; i < alpha_shape.size(); ++i) {
    const std::int64_t d = x.shape()[i + 1];
    if (alpha_shape[i] != 1 && d >= 0 && d != alpha_shape[i]) {
      throw ValueError(str("Input 0 of layer \"", name(),
                           "\" is incompatible with the layer: expected axis ",
                           i + 1, " of input shape to have value ",
                           alpha_shape[i], ", but received input with shape ",
                           shape_str(x.shape())));
    }
  }
  // Keras: relu(x) - alpha * relu(-x).
  return {ops::relu(x) - alpha_->value() * ops::relu(-x)};
}

Json PReLULayer::get_config() const {
  using saving::serialize_keras_object;
  Json config = Layer::get_config();
  config["alpha_initializer"] =
      serialize_keras_object(options_.alpha_initializer.object());
  config["alpha_regularizer"] =
      serialize_keras_object(options_.alpha_regularizer);
  config["alpha_constraint"] =
      serialize_keras_object(options_.alpha_constraint);
  config["shared_axes"] =
      options_.shared_axes ? Json(*options_.shared_axes) : Json(nullptr);
  return config;
}

std::shared_ptr<PReLULayer> PReLULayer::from_config(const Json& config) {
  using saving::deserialize_keras_object;
  saving::ConfigReader r(config, "PReLU");
  PReLUOptions o;
  o.base = layer_options_from_config(r);
  const Json& init = r.raw("alpha_initializer");
  if (init.is_string()) {
    o.alpha_initializer = initializers::Initializer(init.get<std::string>());
  } else if (!init.is_null()) {
    o.alpha_initializer = initializers::Initializer(
        deserialize_keras_object<initializers::InitializerBase>(init));
  }
  o.alpha_regularizer = deserialize_keras_object<regularizers::Regularizer>(
      r.raw("alpha_regularizer"));
  o.alpha_constraint = deserialize_keras_object<constraints::Constraint>(
      r.raw("alpha_constraint"));
  // Keras accepts a single int for shared_axes and stores a list.
  if (r.raw("shared_axes").is_number_integer()) {
    o.shared_axes =
        std::vector<std::int64_t>{r.required<std::int64_t>("shared_axes")};
  } else {
    o.shared_axes = r.optional<std::vector<std::int64_t>>("shared_axes");
  }
  return std::make_shared<PReLULayer>(std::move(o));
}

}  // namespace keras::layers
