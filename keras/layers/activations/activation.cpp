#include "keras/layers/activations/activation.h"

#include "keras/saving/config_reader.h"

namespace keras::layers {

ActivationLayer::ActivationLayer(activations::Activation activation,
                                 LayerOptions base)
    : Layer(std::move(base), "activation"),
      activation_(std::move(activation)) {
  build_at_init();
  set_supports_masking(true);
}

Tensors ActivationLayer::call(const Tensors& inputs, const CallContext&) {
  return {activation_(inputs.at(0))};
}

Json ActivationLayer::get_config() const {
  Json config = Layer::get_config();
  config["activation"] = activation_.serialize();
  return config;
}

std::shared_ptr<ActivationLayer> ActivationLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Activation");
  return std::make_shared<ActivationLayer>(
      activations::deserialize(r.raw("activation")),
      layer_options_from_config(r));
}

}  // namespace keras::layers
