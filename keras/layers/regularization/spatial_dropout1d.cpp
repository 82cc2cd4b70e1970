#include "keras/layers/regularization/spatial_dropout1d.h"

namespace keras::layers {

SpatialDropout1DLayer::SpatialDropout1DLayer(double rate,
                                             SpatialDropoutOptions options)
    : SpatialDropoutLayer(1, rate, std::move(options), "spatial_dropout1d") {}

std::shared_ptr<SpatialDropout1DLayer> SpatialDropout1DLayer::from_config(
    const Json& config) {
  Parsed p = parse_config(config, "SpatialDropout1D");
  return std::make_shared<SpatialDropout1DLayer>(p.rate, std::move(p.options));
}

}  // namespace keras::layers
