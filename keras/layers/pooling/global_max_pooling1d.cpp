#include "keras/layers/pooling/global_max_pooling1d.h"

namespace keras::layers {

GlobalMaxPooling1DLayer::GlobalMaxPooling1DLayer(GlobalPoolingOptions options)
    : GlobalPoolingLayer(1, Mode::kMax, std::move(options),
                         "global_max_pooling1d") {}

std::shared_ptr<GlobalMaxPooling1DLayer> GlobalMaxPooling1DLayer::from_config(
    const Json& config) {
  return std::make_shared<GlobalMaxPooling1DLayer>(
      options_from_config(config, "GlobalMaxPooling1D"));
}

}  // namespace keras::layers
