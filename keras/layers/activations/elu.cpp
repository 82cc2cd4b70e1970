#include "keras/layers/activations/elu.h"

#include "keras/activations/activations.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

ELULayer::ELULayer(ELUOptions options)
    : Layer(options.base, "elu"), options_(std::move(options)) {}

Tensors ELULayer::call(const Tensors& inputs, const CallContext&) {
  build_at_init();
  return {activations::elu(inputs.at(0), options_.alpha)};
}

Json ELULayer::get_config() const {
  // Keras' ELU has no get_config: its auto-config puts the __init__
  // arguments right after the name, before trainable and dtype.
  Json base = Layer::get_config();
  Json config = {{"name", base["name"]}, {"alpha", options_.alpha}};
  for (const auto& [key, value] : base.items()) config[key] = value;
  return config;
}

std::shared_ptr<ELULayer> ELULayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "ELU");
  ELUOptions o;
  o.base = layer_options_from_config(r);
  o.alpha = r.get("alpha", 1.0);
  return std::make_shared<ELULayer>(std::move(o));
}

}  // namespace keras::layers
