#include "keras/layers/normalization/rms_normalization.h"

#include <algorithm>

#include "keras/ops/normalization.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

RMSNormalizationLayer::RMSNormalizationLayer(RMSNormalizationOptions options)
    : Layer(options.base, "rms_normalization"), options_(std::move(options)) {}

void RMSNormalizationLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  // As Keras: a list is sorted, an int becomes a one-element list.
  Axis& axis = options_.axis;
  const Json given = axis.to_json();
  if (axis.list) std::sort(axis.values.begin(), axis.values.end());
  axis.list = true;
  Shape param;
  for (std::int64_t a : canonical_axes(axis.values, shape, given)) {
    param.push_back(shape[a]);
  }
  scale_ = add_weight({.name = "scale", .shape = param, .initializer = "ones"});
}

Tensors RMSNormalizationLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  canonical_axes(options_.axis.values, x.shape(), options_.axis.to_json());
  const Tensor y = ops::rms_normalization(
      x, scale_->value(), options_.axis.values, options_.epsilon);
  return {ops::cast(y, compute_dtype())};
}

Json RMSNormalizationLayer::get_config() const {
  Json config = Layer::get_config();
  config["axis"] = options_.axis.to_json();
  config["epsilon"] = options_.epsilon;
  return config;
}

std::shared_ptr<RMSNormalizationLayer> RMSNormalizationLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "RMSNormalization");
  RMSNormalizationOptions o;
  o.base = layer_options_from_config(r);
  o.axis = read_axis(r, "axis", -1);
  o.epsilon = r.get("epsilon", 1e-6);
  return std::make_shared<RMSNormalizationLayer>(std::move(o));
}

}  // namespace keras::layers
