#include "keras/layers/regularization/spatial_dropout3d.h"

namespace keras::layers {

SpatialDropout3DLayer::SpatialDropout3DLayer(double rate,
                                             SpatialDropoutOptions options)
    : SpatialDropoutLayer(3, rate, std::move(options), "spatial_dropout3d") {}

std::shared_ptr<SpatialDropout3DLayer> SpatialDropout3DLayer::from_config(
    const Json& config) {
  Parsed p = parse_config(config, "SpatialDropout3D");
  return std::make_shared<SpatialDropout3DLayer>(p.rate, std::move(p.options));
}

}  // namespace keras::layers
