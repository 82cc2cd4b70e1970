#include "keras/layers/pooling/average_pooling3d.h"

namespace keras::layers {

AveragePooling3DLayer::AveragePooling3DLayer(PoolingOptions options)
    : PoolingLayer(3, Mode::kAverage, std::move(options), "average_pooling3d") {
}

std::shared_ptr<AveragePooling3DLayer> AveragePooling3DLayer::from_config(
    const Json& config) {
  return std::make_shared<AveragePooling3DLayer>(
      options_from_config(config, "AveragePooling3D"));
}

}  // namespace keras::layers
