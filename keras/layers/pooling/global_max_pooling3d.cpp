#include "keras/layers/pooling/global_max_pooling3d.h"

namespace keras::layers {

GlobalMaxPooling3DLayer::GlobalMaxPooling3DLayer(GlobalPoolingOptions options)
    : GlobalPoolingLayer(3, Mode::kMax, std::move(options),
                         "global_max_pooling3d") {}

std::shared_ptr<GlobalMaxPooling3DLayer> GlobalMaxPooling3DLayer::from_config(
    const Json& config) {
  return std::make_shared<GlobalMaxPooling3DLayer>(
      options_from_config(config, "GlobalMaxPooling3D"));
}

}  // namespace keras::layers
