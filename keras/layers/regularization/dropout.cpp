#include "keras/layers/regularization/dropout.h"

#include "keras/ops/ops.h"
#include "keras/random/random.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

DropoutLayer::DropoutLayer(double rate, DropoutOptions options)
    : Layer(options.base, "dropout"),
      rate_(rate),
      options_(std::move(options)) {
  build_at_init();
  set_supports_masking(true);
  if (!(rate >= 0.0 && rate <= 1.0)) {
    throw ValueError(
        str("Invalid value received for argument `rate`. "
            "Expected a float value between 0 and 1. Received: "
            "rate=",
            rate));
  }
}

Tensors DropoutLayer::call(const Tensors& inputs, const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  if (!ctx.training || rate_ == 0.0 || x.is_symbolic()) return {x};
  Shape shape = options_.noise_shape.value_or(x.shape());
  for (std::size_t i = 0; i < shape.size() && i < x.shape().size(); ++i) {
    if (shape[i] < 0) shape[i] = x.shape()[i];
  }
  Tensor mask = random::dropout_mask(shape, rate_, options_.seed);
  return {x * ops::cast(mask, x.dtype())};
}

Json DropoutLayer::get_config() const {
  Json config = Layer::get_config();
  config["rate"] = rate_;
  config["seed"] = options_.seed ? Json(*options_.seed) : Json(nullptr);
  config["noise_shape"] = options_.noise_shape
                              ? shape_to_json(*options_.noise_shape)
                              : Json(nullptr);
  return config;
}

std::shared_ptr<DropoutLayer> DropoutLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "Dropout");
  DropoutOptions o;
  o.base = layer_options_from_config(r);
  o.seed = r.optional<std::int64_t>("seed");
  if (!r.raw("noise_shape").is_null()) {
    o.noise_shape = shape_from_json(r.raw("noise_shape"));
  }
  return std::make_shared<DropoutLayer>(r.required<double>("rate"),
                                        std::move(o));
}

}  // namespace keras::layers
