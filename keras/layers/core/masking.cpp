#include "keras/layers/core/masking.h"

#include "keras/ops/op_node.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {
// Whether any feature of each position differs from `value`.
Tensor kept(const Tensor& x, double value, bool keepdims) {
  return ops::any(ops::not_equal(x, Tensor::scalar(value, x.dtype())), {-1},
                  keepdims);
}
}  // namespace

MaskingLayer::MaskingLayer(double mask_value, MaskingOptions options)
    : Layer(std::move(options.base), "masking"), mask_value_(mask_value) {
  build_at_init();
  set_supports_masking(true);
}

Tensors MaskingLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  return {x * ops::cast(kept(x, mask_value_, true), x.dtype())};
}

Tensors MaskingLayer::compute_mask(const Tensors& inputs,
                                   const Tensors&) const {
  // Keras: ops.any(ops.not_equal(inputs, mask_value), axis=-1), NotEqual and
  // Any nodes on symbolic inputs.
  const Tensor differs = ops::traced_op(
      "NotEqual", Json::object(), Json::array({ops::op_tensor(0), mask_value_}),
      {inputs.at(0)});
  return {ops::traced_op("Any", {{"axis", -1}, {"keepdims", false}},
                         Json::array({ops::op_tensor(0)}), {differs})};
}

Json MaskingLayer::get_config() const {
  Json config = Layer::get_config();
  config["mask_value"] = mask_value_;
  return config;
}

std::shared_ptr<MaskingLayer> MaskingLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "Masking");
  return std::make_shared<MaskingLayer>(
      r.get("mask_value", 0.0),
      MaskingOptions{.base = layer_options_from_config(r)});
}

}  // namespace keras::layers
