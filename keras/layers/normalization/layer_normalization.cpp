#include "keras/layers/normalization/layer_normalization.h"

#include <algorithm>

#include "keras/ops/normalization.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

LayerNormalizationLayer::LayerNormalizationLayer(
    LayerNormalizationOptions options)
    : Layer(options.base, "layer_normalization"), options_(std::move(options)) {
  set_supports_masking(true);
}

void LayerNormalizationLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  // Keras sorts the axes as written (negative ones first) and keeps the list.
  Axis& axis = options_.axis;
  const Json given = axis.to_json();
  std::sort(axis.values.begin(), axis.values.end());
  axis.list = true;
  Shape param;
  for (std::int64_t a : canonical_axes(axis.values, shape, given)) {
    param.push_back(shape[a]);
  }
  const auto& o = options_;
  if (o.scale || o.rms_scaling) {
    gamma_ = add_weight({.name = "gamma",
                         .shape = param,
                         .initializer = o.gamma_initializer,
                         .regularizer = o.gamma_regularizer,
                         .constraint = o.gamma_constraint});
  }
  if (o.center && !o.rms_scaling) {
    beta_ = add_weight({.name = "beta",
                        .shape = param,
                        .initializer = o.beta_initializer,
                        .regularizer = o.beta_regularizer,
                        .constraint = o.beta_constraint});
  }
}

Tensors LayerNormalizationLayer::call(const Tensors& inputs,
                                      const CallContext&) {
  const Tensor& x = inputs.at(0);
  canonical_axes(options_.axis.values, x.shape(), options_.axis.to_json());
  const Tensor y = ops::layer_normalization(
      x, gamma_ ? gamma_->value() : Tensor(), beta_ ? beta_->value() : Tensor(),
      options_.axis.values, options_.epsilon, options_.rms_scaling);
  return {ops::cast(y, compute_dtype())};
}

Json LayerNormalizationLayer::get_config() const {
  const auto& o = options_;
  Json config = Layer::get_config();
  config["axis"] = o.axis.to_json();
  config["epsilon"] = o.epsilon;
  config["center"] = o.center;
  config["scale"] = o.scale;
  config["rms_scaling"] = o.rms_scaling;
  config["beta_initializer"] = write_initializer(o.beta_initializer);
  config["gamma_initializer"] = write_initializer(o.gamma_initializer);
  config["beta_regularizer"] = write_regularizer(o.beta_regularizer);
  config["gamma_regularizer"] = write_regularizer(o.gamma_regularizer);
  config["beta_constraint"] = write_constraint(o.beta_constraint);
  config["gamma_constraint"] = write_constraint(o.gamma_constraint);
  return config;
}

std::shared_ptr<LayerNormalizationLayer> LayerNormalizationLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "LayerNormalization");
  LayerNormalizationOptions o;
  o.base = layer_options_from_config(r);
  o.axis = read_axis(r, "axis", -1);
  o.epsilon = r.get("epsilon", 1e-3);
  o.center = r.get("center", true);
  o.scale = r.get("scale", true);
  o.rms_scaling = r.get("rms_scaling", false);
  o.beta_initializer = read_initializer(r, "beta_initializer", "zeros");
  o.gamma_initializer = read_initializer(r, "gamma_initializer", "ones");
  o.beta_regularizer = read_regularizer(r, "beta_regularizer");
  o.gamma_regularizer = read_regularizer(r, "gamma_regularizer");
  o.beta_constraint = read_constraint(r, "beta_constraint");
  o.gamma_constraint = read_constraint(r, "gamma_constraint");
  return std::make_shared<LayerNormalizationLayer>(std::move(o));
}

}  // namespace keras::layers
