#include "keras/layers/pooling/average_pooling1d.h"

namespace keras::layers {

AveragePooling1DLayer::AveragePooling1DLayer(PoolingOptions options)
    : PoolingLayer(1, Mode::kAverage, std::move(options), "average_pooling1d") {
}

std::shared_ptr<AveragePooling1DLayer> AveragePooling1DLayer::from_config(
    const Json& config) {
  return std::make_shared<AveragePooling1DLayer>(
      options_from_config(config, "AveragePooling1D"));
}

}  // namespace keras::layers
