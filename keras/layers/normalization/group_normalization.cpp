#include "keras/layers/normalization/group_normalization.h"

#include "keras/layers/normalization/weight_config.h"
#include "keras/ops/normalization.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

GroupNormalizationLayer::GroupNormalizationLayer(
    GroupNormalizationOptions options)
    : Layer(options.base, "group_normalization"), options_(std::move(options)) {
  set_supports_masking(true);
  if (options_.groups <= 0 && options_.groups != -1) {
    throw ValueError(
        str("Received an invalid value for argument `groups`, expected a "
            "positive integer (or `-1` for instance normalization). "
            "Received: groups=",
            options_.groups));
  }
}

void GroupNormalizationLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  axis_ = canonical_axes({options_.axis}, shape, options_.axis).at(0);
  const std::int64_t dim = shape[axis_];
  if (dim < 0) {
    throw ValueError(str("Axis ", options_.axis,
                         " of input tensor should have a defined dimension but "
                         "the layer received an input with shape ",
                         shape_str(shape), "."));
  }
  // Keras rewrites groups=-1 as the channel count (also in the config).
  if (options_.groups == -1) options_.groups = dim;
  const std::int64_t groups = options_.groups;
  if (dim < groups) {
    throw ValueError(str("Number of groups (", groups,
                         ") cannot be more than the number of channels (", dim,
                         ")."));
  }
  if (dim % groups != 0) {
    throw ValueError(str("Number of groups (", groups,
                         ") must be a multiple of the number of channels (",
                         dim, ")."));
  }
  const auto& o = options_;
  if (o.scale) {
    gamma_ = add_weight({.name = "gamma",
                         .shape = {dim},
                         .initializer = o.gamma_initializer,
                         .regularizer = o.gamma_regularizer,
                         .constraint = o.gamma_constraint});
  }
  if (o.center) {
    beta_ = add_weight({.name = "beta",
                        .shape = {dim},
                        .initializer = o.beta_initializer,
                        .regularizer = o.beta_regularizer,
                        .constraint = o.beta_constraint});
  }
}

Tensors GroupNormalizationLayer::call(const Tensors& inputs,
                                      const CallContext&) {
  const Tensor& x0 = inputs.at(0);
  const std::int64_t groups = options_.groups;
  const std::int64_t dim = gamma_  ? gamma_->shape()[0]
                           : beta_ ? beta_->shape()[0]
                                   : x0.shape()[axis_];
  if (x0.ndim() <= axis_ || x0.shape()[axis_] != dim) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected axis ",
                         options_.axis, " of input shape to have value ", dim,
                         ", but received input with shape ",
                         shape_str(x0.shape())));
  }
  // Several unknown dims cannot go through the grouped reshape; the output
  // has the input's shape anyway.
  if (x0.is_symbolic()) return {Tensor::symbolic(x0.shape(), compute_dtype())};
  // Statistics in at least float32 (the ops compute half types in float32).
  const Tensor x = ops::cast(
      x0, x0.dtype() == DType::float64 ? DType::float64 : DType::float32);
  // (batch, ..., groups, channels / groups, ...): the channel axis splits in
  // two and each group reduces over every axis but batch and group.
  Shape grouped = x.shape();
  grouped[0] = -1;
  grouped[axis_] = dim / groups;
  grouped.insert(grouped.begin() + axis_, groups);
  const Tensor g = ops::reshape(x, grouped);
  ops::Axes reduce;
  for (std::int64_t i = 1; i < std::int64_t(grouped.size()); ++i) {
    if (i != axis_) reduce.push_back(i);
  }
  auto [mean, variance] = ops::moments(g, reduce, /*keepdims=*/true);
  Shape param(grouped.size(), 1);
  param[axis_] = groups;
  param[axis_ + 1] = dim / groups;
  Tensor inv = ops::rsqrt(variance + options_.epsilon);
  if (gamma_)
    inv = inv * ops::reshape(ops::cast(gamma_->value(), x.dtype()), param);
  Tensor res = -mean * inv;
  if (beta_)
    res = res + ops::reshape(ops::cast(beta_->value(), x.dtype()), param);
  Shape out_shape = x.shape();
  out_shape[0] = -1;
  const Tensor y = ops::reshape(g * inv + res, out_shape);
  return {ops::cast(y, compute_dtype())};
}

Json GroupNormalizationLayer::get_config() const {
  const auto& o = options_;
  Json config = Layer::get_config();
  config["groups"] = o.groups;
  config["axis"] = o.axis;
  config["epsilon"] = o.epsilon;
  config["center"] = o.center;
  config["scale"] = o.scale;
  config["beta_initializer"] = write_initializer(o.beta_initializer);
  config["gamma_initializer"] = write_initializer(o.gamma_initializer);
  config["beta_regularizer"] = write_regularizer(o.beta_regularizer);
  config["gamma_regularizer"] = write_regularizer(o.gamma_regularizer);
  config["beta_constraint"] = write_constraint(o.beta_constraint);
  config["gamma_constraint"] = write_constraint(o.gamma_constraint);
  return config;
}

std::shared_ptr<GroupNormalizationLayer> GroupNormalizationLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "GroupNormalization");
  GroupNormalizationOptions o;
  o.base = layer_options_from_config(r);
  o.groups = r.get<std::int64_t>("groups", 32);
  o.axis = r.get<std::int64_t>("axis", -1);
  o.epsilon = r.get("epsilon", 1e-3);
  o.center = r.get("center", true);
  o.scale = r.get("scale", true);
  o.beta_initializer = read_initializer(r, "beta_initializer", "zeros");
  o.gamma_initializer = read_initializer(r, "gamma_initializer", "ones");
  o.beta_regularizer = read_regularizer(r, "beta_regularizer");
  o.gamma_regularizer = read_regularizer(r, "gamma_regularizer");
  o.beta_constraint = read_constraint(r, "beta_constraint");
  o.gamma_constraint = read_constraint(r, "gamma_constraint");
  return std::make_shared<GroupNormalizationLayer>(std::move(o));
}

}  // namespace keras::layers
