#include "keras/layers/pooling/average_pooling2d.h"

namespace keras::layers {

AveragePooling2DLayer::AveragePooling2DLayer(PoolingOptions options)
    : PoolingLayer(2, Mode::kAverage, std::move(options), "average_pooling2d") {
}

std::shared_ptr<AveragePooling2DLayer> AveragePooling2DLayer::from_config(
    const Json& config) {
  return std::make_shared<AveragePooling2DLayer>(
      options_from_config(config, "AveragePooling2D"));
}

}  // namespace keras::layers
