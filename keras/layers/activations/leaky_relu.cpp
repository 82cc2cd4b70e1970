#include "keras/layers/activations/leaky_relu.h"

#include "keras/activations/activations.h"
#include "keras/saving/config_reader.h"
#include "keras/utils/json_utils.h"

namespace keras::layers {

LeakyReLULayer::LeakyReLULayer(LeakyReLUOptions options)
    : Layer(options.base, "leaky_re_lu"), options_(std::move(options)) {
  build_at_init();
  if (options_.negative_slope < 0.0) {
    throw ValueError(
        str("The negative_slope value of a Leaky ReLU layer cannot be None or "
            "negative value. Expected a float. Received: negative_slope=",
            python_float_repr(options_.negative_slope)));
  }
}

Tensors LeakyReLULayer::call(const Tensors& inputs, const CallContext&) {
  return {activations::leaky_relu(inputs.at(0), options_.negative_slope)};
}

Json LeakyReLULayer::get_config() const {
  Json config = Layer::get_config();
  config["negative_slope"] = options_.negative_slope;
  return config;
}

std::shared_ptr<LeakyReLULayer> LeakyReLULayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "LeakyReLU");
  LeakyReLUOptions o;
  o.base = layer_options_from_config(r);
  // Keras 2 wrote the slope as `alpha` (still accepted, with a warning).
  o.negative_slope = r.get("negative_slope", r.get("alpha", 0.3));
  return std::make_shared<LeakyReLULayer>(std::move(o));
}

}  // namespace keras::layers
