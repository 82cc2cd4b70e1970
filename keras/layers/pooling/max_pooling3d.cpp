#include "keras/layers/pooling/max_pooling3d.h"

namespace keras::layers {

MaxPooling3DLayer::MaxPooling3DLayer(PoolingOptions options)
    : PoolingLayer(3, Mode::kMax, std::move(options), "max_pooling3d") {}

std::shared_ptr<MaxPooling3DLayer> MaxPooling3DLayer::from_config(
    const Json& config) {
  return std::make_shared<MaxPooling3DLayer>(
      options_from_config(config, "MaxPooling3D"));
}

}  // namespace keras::layers
