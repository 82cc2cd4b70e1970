#include "keras/layers/reshaping/cropping2d.h"

namespace keras::layers {

Cropping2DLayer::Cropping2DLayer(SpatialPairs cropping,
                                 Cropping2DOptions options)
    : CroppingLayer(2, std::move(cropping), options.data_format, true,
                    std::move(options.base), "cropping2d") {}

Cropping2DLayer::Cropping2DLayer(std::int64_t cropping,
                                 Cropping2DOptions options)
    : CroppingLayer(2, SpatialPairs(2, {cropping, cropping}),
                    options.data_format, true, std::move(options.base),
                    "cropping2d") {}

std::shared_ptr<Cropping2DLayer> Cropping2DLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Cropping2D");
  return std::make_shared<Cropping2DLayer>(
      read_pairs(r, "cropping", 2, {{0, 0}, {0, 0}}),
      Cropping2DOptions{.data_format = r.get<std::string>("data_format", ""),
                        .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
