#include "keras/layers/regularization/spatial_dropout2d.h"

namespace keras::layers {

SpatialDropout2DLayer::SpatialDropout2DLayer(double rate,
                                             SpatialDropoutOptions options)
    : SpatialDropoutLayer(2, rate, std::move(options), "spatial_dropout2d") {}

std::shared_ptr<SpatialDropout2DLayer> SpatialDropout2DLayer::from_config(
    const Json& config) {
  Parsed p = parse_config(config, "SpatialDropout2D");
  return std::make_shared<SpatialDropout2DLayer>(p.rate, std::move(p.options));
}

}  // namespace keras::layers
