#include "keras/layers/core/dense.h"

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

namespace {
LayerOptions with_activity(LayerOptions base,
                           regularizers::RegularizerPtr activity) {
  if (activity) base.activity_regularizer = std::move(activity);
  return base;
}
}  // namespace

DenseLayer::DenseLayer(std::int64_t units, DenseOptions options)
    : Layer(with_activity(options.base, options.activity_regularizer), "dense"),
      units_(units),
      options_(std::move(options)) {
  set_supports_masking(true);
  if (units_ <= 0) {
    throw ValueError(
        str("Received an invalid value for `units`, expected a "
            "positive integer. Received: units=",
            units_));
  }
}

void DenseLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  if (shape.empty() || shape.back() < 0) {
    throw ValueError(str("Dense '", name(),
                         "' needs inputs whose last "
                         "dimension is known. Received: input_shape=",
                         shape_str(shape)));
  }
  kernel_ = add_weight({.name = "kernel",
                        .shape = {shape.back(), units_},
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint});
  if (options_.use_bias) {
    bias_ = add_weight({.name = "bias",
                        .shape = {units_},
                        .initializer = options_.bias_initializer,
                        .regularizer = options_.bias_regularizer,
                        .constraint = options_.bias_constraint});
  }
}

Tensors DenseLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  if (x.ndim() < 1 ||
      (x.shape().back() >= 0 && x.shape().back() != kernel_->shape()[0])) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected axis -1 "
                         "of input shape to have value ",
                         kernel_->shape()[0],
                         ", but received input with shape ",
                         shape_str(x.shape())));
  }
  Tensor y = ops::matmul(x, kernel_->value());
  if (bias_) y = ops::add(y, bias_->value());
  return {options_.activation(y)};
}

Json DenseLayer::get_config() const {
  using saving::serialize_keras_object;
  Json config = Layer::get_config();
  config["units"] = units_;
  config["activation"] = options_.activation.serialize();
  config["use_bias"] = options_.use_bias;
  config["kernel_initializer"] =
      serialize_keras_object(options_.kernel_initializer.object());
  config["bias_initializer"] =
      serialize_keras_object(options_.bias_initializer.object());
  config["kernel_regularizer"] =
      serialize_keras_object(options_.kernel_regularizer);
  config["bias_regularizer"] =
      serialize_keras_object(options_.bias_regularizer);
  config["kernel_constraint"] =
      serialize_keras_object(options_.kernel_constraint);
  config["bias_constraint"] = serialize_keras_object(options_.bias_constraint);
  config["quantization_config"] = nullptr;
  return config;
}

std::shared_ptr<DenseLayer> DenseLayer::from_config(const Json& config) {
  // Custom objects reach nested records through the active scope.
  const saving::CustomObjects* custom_objects = nullptr;
  using saving::deserialize_keras_object;
  saving::ConfigReader r(config, "Dense");
  DenseOptions o;
  o.base = layer_options_from_config(r);
  o.activation = activations::deserialize(r.raw("activation"), custom_objects);
  o.use_bias = r.get("use_bias", true);
  auto initializer = [&](const char* key, const char* fallback) {
    const Json& v = r.raw(key);
    if (v.is_null()) return initializers::Initializer(fallback);
    if (v.is_string()) return initializers::Initializer(v.get<std::string>());
    return initializers::Initializer(
        deserialize_keras_object<initializers::InitializerBase>(
            v, custom_objects));
  };
  o.kernel_initializer = initializer("kernel_initializer", "glorot_uniform");
  o.bias_initializer = initializer("bias_initializer", "zeros");
  o.kernel_regularizer = deserialize_keras_object<regularizers::Regularizer>(
      r.raw("kernel_regularizer"), custom_objects);
  o.bias_regularizer = deserialize_keras_object<regularizers::Regularizer>(
      r.raw("bias_regularizer"), custom_objects);
  o.kernel_constraint = deserialize_keras_object<constraints::Constraint>(
      r.raw("kernel_constraint"), custom_objects);
  o.bias_constraint = deserialize_keras_object<constraints::Constraint>(
      r.raw("bias_constraint"), custom_objects);
  if (!r.raw("quantization_config").is_null()) {
    throw NotImplementedError(str("Dense '", o.base.name,
                                  "': quantized Dense layers are not "
                                  "supported yet."));
  }
  return std::make_shared<DenseLayer>(r.required<std::int64_t>("units"),
                                      std::move(o));
}

}  // namespace keras::layers
