#include "keras/layers/regularization/gaussian_noise.h"

#include "keras/layers/regularization/rate_check.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

GaussianNoiseLayer::GaussianNoiseLayer(double stddev,
                                       GaussianNoiseOptions options)
    : Layer(options.base, "gaussian_noise"),
      stddev_(stddev),
      options_(std::move(options)),
      seeds_(options_.seed) {
  build_at_init();
  set_supports_masking(true);
  check_unit_interval(stddev, "stddev");
}

Tensors GaussianNoiseLayer::call(const Tensors& inputs,
                                 const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  if (!ctx.training || stddev_ == 0.0 || x.is_symbolic()) return {x};
  const Tensor noise =
      random::normal(x.shape(), 0.0, stddev_, seeds_.next(), x.dtype());
  return {x + noise};
}

Json GaussianNoiseLayer::get_config() const {
  Json config = Layer::get_config();
  config["stddev"] = stddev_;
  config["seed"] = options_.seed ? Json(*options_.seed) : Json(nullptr);
  return config;
}

std::shared_ptr<GaussianNoiseLayer> GaussianNoiseLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "GaussianNoise");
  GaussianNoiseOptions o;
  o.base = layer_options_from_config(r);
  o.seed = r.optional<std::int64_t>("seed");
  return std::make_shared<GaussianNoiseLayer>(r.required<double>("stddev"),
                                              std::move(o));
}

}  // namespace keras::layers
