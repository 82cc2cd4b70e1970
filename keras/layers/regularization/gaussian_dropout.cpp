#include "keras/layers/regularization/gaussian_dropout.h"

#include <cmath>

#include "keras/layers/regularization/rate_check.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

GaussianDropoutLayer::GaussianDropoutLayer(double rate,
                                           GaussianDropoutOptions options)
    : Layer(options.base, "gaussian_dropout"),
      rate_(rate),
      options_(std::move(options)),
      seeds_(options_.seed) {
  build_at_init();
  set_supports_masking(true);
  check_unit_interval(rate, "rate");
}

Tensors GaussianDropoutLayer::call(const Tensors& inputs,
                                   const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  if (!ctx.training || rate_ == 0.0 || x.is_symbolic()) return {x};
  const double stddev = std::sqrt(rate_ / (1.0 - rate_));
  const Tensor noise =
      random::normal(x.shape(), 1.0, stddev, seeds_.next(), x.dtype());
  return {x * noise};
}

Json GaussianDropoutLayer::get_config() const {
  Json config = Layer::get_config();
  config["rate"] = rate_;
  config["seed"] = options_.seed ? Json(*options_.seed) : Json(nullptr);
  return config;
}

std::shared_ptr<GaussianDropoutLayer> GaussianDropoutLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "GaussianDropout");
  GaussianDropoutOptions o;
  o.base = layer_options_from_config(r);
  o.seed = r.optional<std::int64_t>("seed");
  return std::make_shared<GaussianDropoutLayer>(r.required<double>("rate"),
                                                std::move(o));
}

}  // namespace keras::layers
