#include "keras/layers/pooling/global_average_pooling1d.h"

namespace keras::layers {

GlobalAveragePooling1DLayer::GlobalAveragePooling1DLayer(
    GlobalPoolingOptions options)
    : GlobalPoolingLayer(1, Mode::kAverage, std::move(options),
                         "global_average_pooling1d") {}

std::shared_ptr<GlobalAveragePooling1DLayer>
GlobalAveragePooling1DLayer::from_config(const Json& config) {
  return std::make_shared<GlobalAveragePooling1DLayer>(
      options_from_config(config, "GlobalAveragePooling1D"));
}

}  // namespace keras::layers
