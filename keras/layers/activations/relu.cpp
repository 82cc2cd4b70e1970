#include "keras/layers/activations/relu.h"

#include "keras/activations/activations.h"
#include "keras/saving/config_reader.h"
#include "keras/utils/json_utils.h"

namespace keras::layers {

ReLULayer::ReLULayer(ReLUOptions options)
    : Layer(options.base, "re_lu"), options_(std::move(options)) {
  build_at_init();
  if (options_.max_value && *options_.max_value < 0.0) {
    throw ValueError(
        str("max_value of a ReLU layer cannot be a negative "
            "value. Received: max_value=",
            python_float_repr(*options_.max_value)));
  }
  if (options_.negative_slope < 0.0) {
    throw ValueError(
        str("negative_slope of a ReLU layer cannot be None or a "
            "negative value. Received: negative_slope=",
            python_float_repr(options_.negative_slope)));
  }
  if (options_.threshold < 0.0) {
    throw ValueError(
        str("threshold of a ReLU layer cannot be None or a "
            "negative value. Received: threshold=",
            python_float_repr(options_.threshold)));
  }
}

Tensors ReLULayer::call(const Tensors& inputs, const CallContext&) {
  return {activations::relu(inputs.at(0), options_.negative_slope,
                            options_.max_value, options_.threshold)};
}

Json ReLULayer::get_config() const {
  Json config = Layer::get_config();
  config["max_value"] =
      options_.max_value ? Json(*options_.max_value) : Json(nullptr);
  config["negative_slope"] = options_.negative_slope;
  config["threshold"] = options_.threshold;
  return config;
}

std::shared_ptr<ReLULayer> ReLULayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "ReLU");
  ReLUOptions o;
  o.base = layer_options_from_config(r);
  o.max_value = r.optional<double>("max_value");
  o.negative_slope = r.get("negative_slope", 0.0);
  o.threshold = r.get("threshold", 0.0);
  return std::make_shared<ReLULayer>(std::move(o));
}

}  // namespace keras::layers
