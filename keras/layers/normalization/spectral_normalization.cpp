#include "keras/layers/normalization/spectral_normalization.h"

#include "keras/ops/autograd.h"
#include "keras/ops/normalization.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

SpectralNormalizationLayer::SpectralNormalizationLayer(
    LayerPtr layer, SpectralNormalizationOptions options)
    : Layer(std::move(options.base), "spectral_normalization"),
      layer_(std::move(layer)),
      power_iterations_(options.power_iterations) {
  if (!layer_) {
    throw ValueError(
        "Please initialize `SpectralNormalization` layer with a "
        "`keras.layers.Layer` instance. Received: None");
  }
  if (power_iterations_ <= 0) {
    throw ValueError(
        str("`power_iterations` should be greater than zero. Received: "
            "`power_iterations=",
            power_iterations_, "`"));
  }
  track("layer", layer_);
}

void SpectralNormalizationLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  if (!layer_->built()) {
    layer_->build_from_config({{"input_shape", shape_to_json(shape)}});
  }
  input_dim_ = shape.empty() ? -1 : shape.back();
  // Keras' hasattr(layer, "kernel") / hasattr(layer, "embeddings").
  for (const char* attribute : {"kernel", "embeddings"}) {
    for (const VariablePtr& v : layer_->own_variables()) {
      if (!kernel_ && v->name() == attribute) kernel_ = v;
    }
  }
  if (!kernel_) {
    throw ValueError(str(layer_->class_name(),
                         " object has no attribute 'kernel' nor 'embeddings'"));
  }
  initializers::RandomOptions init;
  init.stddev = 0.02;
  vector_u_ =
      add_weight({.name = "vector_u",
                  .shape = {1, kernel_->shape().back()},
                  .initializer = initializers::Initializer(
                      std::make_shared<initializers::TruncatedNormal>(init)),
                  .trainable = false,
                  .dtype = kernel_->dtype()});
}

Variables SpectralNormalizationLayer::own_variables() const {
  Variables out;
  if (kernel_) out.push_back(kernel_);
  for (const VariablePtr& v : Layer::own_variables()) out.push_back(v);
  return out;
}

Tensors SpectralNormalizationLayer::normalized_weights() const {
  const Shape& kernel_shape = kernel_->shape();
  const Tensor weights =
      ops::reshape(kernel_->value(), {-1, kernel_shape.back()});
  Tensor u = vector_u_->value(), v;
  for (std::int64_t k = 0; k < power_iterations_; ++k) {
    v = ops::normalize(ops::matmul(u, ops::transpose(weights)), {0, 1});
    u = ops::normalize(ops::matmul(v, weights), {0, 1});
  }
  u = ops::stop_gradient(u);
  v = ops::stop_gradient(v);
  const Tensor sigma =
      ops::matmul(ops::matmul(v, weights), ops::transpose(u));  // [1, 1]
  const Tensor kernel =
      ops::reshape(ops::divide(kernel_->value(), sigma), kernel_shape);
  return {ops::cast(u, vector_u_->dtype()),
          ops::cast(kernel, kernel_->dtype())};
}

Tensors SpectralNormalizationLayer::call(const Tensors& inputs,
                                         const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  if (input_dim_ >= 0 && x.ndim() >= 1 && x.shape().back() >= 0 &&
      x.shape().back() != input_dim_) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected axis -1 "
                         "of input shape to have value ",
                         input_dim_, ", but received input with shape ",
                         shape_str(x.shape())));
  }
  if (ctx.training && !x.is_symbolic()) {
    // A state update, as Keras' assign: no gradient flows through it.
    autograd::NoGradGuard no_grad;
    const bool all_zero =
        ops::all(
            ops::equal(kernel_->value(), Tensor::scalar(0.0, kernel_->dtype())))
            .item() != 0.0;
    if (!all_zero) {
      const Tensors updated = normalized_weights();
      vector_u_->assign(updated[0]);
      kernel_->assign(updated[1]);
    }
  }
  CallContext inner = ctx;
  const Tensor y = layer_->call_with({x}, ArgsForm::kSingle, inner).at(0);
  return {y.dtype() == x.dtype() ? y : ops::cast(y, x.dtype())};
}

Json SpectralNormalizationLayer::get_config() const {
  Json config = Layer::get_config();
  config["layer"] = layer_->serialize();
  config["power_iterations"] = power_iterations_;
  return config;
}

std::shared_ptr<SpectralNormalizationLayer>
SpectralNormalizationLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "SpectralNormalization");
  return std::make_shared<SpectralNormalizationLayer>(
      deserialize_layer(r.raw("layer")),
      SpectralNormalizationOptions{
          .power_iterations = r.get<std::int64_t>("power_iterations", 1),
          .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
