#include "keras/layers/pooling/max_pooling1d.h"

namespace keras::layers {

MaxPooling1DLayer::MaxPooling1DLayer(PoolingOptions options)
    : PoolingLayer(1, Mode::kMax, std::move(options), "max_pooling1d") {}

std::shared_ptr<MaxPooling1DLayer> MaxPooling1DLayer::from_config(
    const Json& config) {
  return std::make_shared<MaxPooling1DLayer>(
      options_from_config(config, "MaxPooling1D"));
}

}  // namespace keras::layers
