#include "keras/layers/core/identity.h"

#include "keras/saving/config_reader.h"

namespace keras::layers {

IdentityLayer::IdentityLayer(LayerOptions base)
    : Layer(std::move(base), "identity") {
  build_at_init();
  set_supports_masking(true);
}

Tensors IdentityLayer::call(const Tensors& inputs, const CallContext&) {
  return inputs;
}

std::shared_ptr<IdentityLayer> IdentityLayer::from_config(const Json& config) {
  return std::make_shared<IdentityLayer>(
      layer_options_from_config(saving::ConfigReader(config, "Identity")));
}

}  // namespace keras::layers
