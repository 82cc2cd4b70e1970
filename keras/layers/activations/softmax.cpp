#include "keras/layers/activations/softmax.h"

#include "keras/activations/activations.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

SoftmaxLayer::SoftmaxLayer(SoftmaxOptions options, bool axis_is_list)
    : Layer(options.base, "softmax"),
      options_(std::move(options)),
      axis_is_list_(axis_is_list || options_.axis.size() != 1) {
  build_at_init();
  if (options_.axis.empty()) {
    throw ValueError(
        "Softmax: `axis` must name at least one axis. Received: "
        "axis=[]");
  }
}

Tensors SoftmaxLayer::call(const Tensors& inputs, const CallContext& ctx) {
  Tensor x = inputs.at(0);
  Tensor mask = ctx.masks.empty() ? Tensor() : ctx.masks[0];
  if (mask.defined()) {
    if (mask.ndim() > x.ndim()) {
      throw ValueError(
          str("The `mask` must be broadcastable to `inputs` and "
              "must not have more dimensions. Received: "
              "inputs.shape=",
              shape_str(x.shape()), ", mask.shape=", shape_str(mask.shape())));
    }
    // Masked positions get a large negative score (Keras keeps mask > 0.5).
    if (mask.dtype() != DType::bool_) {
      mask = ops::greater(mask, Tensor::scalar(0.5, mask.dtype()));
    }
    const double large_negative = x.dtype() == DType::float16 ? -3e4 : -1e9;
    x = ops::where(mask, x, Tensor::scalar(large_negative, x.dtype()));
  }
  Tensor y = options_.axis.size() > 1
                 ? ops::exp(x - ops::logsumexp(x, options_.axis, true))
                 : activations::softmax(x, options_.axis[0]);
  // A fully masked row would be uniform; Keras zeroes masked positions.
  if (mask.defined()) y = ops::where(mask, y, Tensor::scalar(0.0, y.dtype()));
  return {y};
}

Json SoftmaxLayer::get_config() const {
  Json config = Layer::get_config();
  config["axis"] =
      axis_is_list_ ? Json(options_.axis) : Json(options_.axis.front());
  return config;
}

std::shared_ptr<SoftmaxLayer> SoftmaxLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "Softmax");
  SoftmaxOptions o;
  o.base = layer_options_from_config(r);
  const bool is_list = r.raw("axis").is_array();
  if (is_list) {
    o.axis = r.required<std::vector<std::int64_t>>("axis");
  } else {
    o.axis = {r.get<std::int64_t>("axis", -1)};
  }
  return std::make_shared<SoftmaxLayer>(std::move(o), is_list);
}

}  // namespace keras::layers
