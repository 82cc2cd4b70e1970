#include "keras/layers/pooling/global_average_pooling3d.h"

namespace keras::layers {

GlobalAveragePooling3DLayer::GlobalAveragePooling3DLayer(
    GlobalPoolingOptions options)
    : GlobalPoolingLayer(3, Mode::kAverage, std::move(options),
                         "global_average_pooling3d") {}

std::shared_ptr<GlobalAveragePooling3DLayer>
GlobalAveragePooling3DLayer::from_config(const Json& config) {
  return std::make_shared<GlobalAveragePooling3DLayer>(
      options_from_config(config, "GlobalAveragePooling3D"));
}

}  // namespace keras::layers
