#include "keras/layers/pooling/global_max_pooling2d.h"

namespace keras::layers {

GlobalMaxPooling2DLayer::GlobalMaxPooling2DLayer(GlobalPoolingOptions options)
    : GlobalPoolingLayer(2, Mode::kMax, std::move(options),
                         "global_max_pooling2d") {}

std::shared_ptr<GlobalMaxPooling2DLayer> GlobalMaxPooling2DLayer::from_config(
    const Json& config) {
  return std::make_shared<GlobalMaxPooling2DLayer>(
      options_from_config(config, "GlobalMaxPooling2D"));
}

}  // namespace keras::layers
