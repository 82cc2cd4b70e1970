#include "keras/layers/pooling/global_average_pooling2d.h"

namespace keras::layers {

GlobalAveragePooling2DLayer::GlobalAveragePooling2DLayer(
    GlobalPoolingOptions options)
    : GlobalPoolingLayer(2, Mode::kAverage, std::move(options),
                         "global_average_pooling2d") {}

std::shared_ptr<GlobalAveragePooling2DLayer>
GlobalAveragePooling2DLayer::from_config(const Json& config) {
  return std::make_shared<GlobalAveragePooling2DLayer>(
      options_from_config(config, "GlobalAveragePooling2D"));
}

}  // namespace keras::layers
