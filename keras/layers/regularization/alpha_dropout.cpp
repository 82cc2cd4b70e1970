#include "keras/layers/regularization/alpha_dropout.h"

#include <cmath>

#include "keras/layers/regularization/rate_check.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

AlphaDropoutLayer::AlphaDropoutLayer(double rate, AlphaDropoutOptions options)
    : Layer(options.base, "alpha_dropout"),
      rate_(rate),
      options_(std::move(options)),
      seeds_(options_.seed) {
  build_at_init();
  set_supports_masking(true);
  check_unit_interval(rate, "rate");
}

Tensors AlphaDropoutLayer::call(const Tensors& inputs, const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  if (!ctx.training || rate_ == 0.0 || x.is_symbolic()) return {x};
  Shape shape = options_.noise_shape.value_or(x.shape());
  for (std::size_t i = 0; i < shape.size() && i < x.shape().size(); ++i) {
    if (shape[i] < 0) shape[i] = x.shape()[i];
  }
  // SELU's constants: dropped units take SELU's limit -alpha * scale.
  constexpr double alpha = 1.6732632423543772848170429916717;
  constexpr double scale = 1.0507009873554804934193349852946;
  constexpr double alpha_p = -alpha * scale;
  const Tensor kept = ops::cast(
      ops::greater_equal(random::uniform(shape, 0.0, 1.0, seeds_.next()),
                         Tensor::scalar(rate_)),
      x.dtype());
  // a and b restore the mean and variance of the inputs.
  const double a =
      std::pow((1 - rate_) * (1 + rate_ * alpha_p * alpha_p), -0.5);
  const double b = -a * alpha_p * rate_;
  const Tensor dropped = x * kept + alpha_p * (1.0 - kept);
  return {a * dropped + b};
}

Json AlphaDropoutLayer::get_config() const {
  Json config = Layer::get_config();
  config["rate"] = rate_;
  config["seed"] = options_.seed ? Json(*options_.seed) : Json(nullptr);
  config["noise_shape"] = options_.noise_shape
                              ? shape_to_json(*options_.noise_shape)
                              : Json(nullptr);
  return config;
}

std::shared_ptr<AlphaDropoutLayer> AlphaDropoutLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "AlphaDropout");
  AlphaDropoutOptions o;
  o.base = layer_options_from_config(r);
  o.seed = r.optional<std::int64_t>("seed");
  if (!r.raw("noise_shape").is_null()) {
    o.noise_shape = shape_from_json(r.raw("noise_shape"));
  }
  return std::make_shared<AlphaDropoutLayer>(r.required<double>("rate"),
                                             std::move(o));
}

}  // namespace keras::layers
