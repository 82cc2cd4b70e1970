#include "keras/layers/pooling/max_pooling2d.h"

namespace keras::layers {

MaxPooling2DLayer::MaxPooling2DLayer(PoolingOptions options)
    : PoolingLayer(2, Mode::kMax, std::move(options), "max_pooling2d") {}

std::shared_ptr<MaxPooling2DLayer> MaxPooling2DLayer::from_config(
    const Json& config) {
  return std::make_shared<MaxPooling2DLayer>(
      options_from_config(config, "MaxPooling2D"));
}

}  // namespace keras::layers
