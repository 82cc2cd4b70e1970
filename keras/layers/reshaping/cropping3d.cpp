#include "keras/layers/reshaping/cropping3d.h"

namespace keras::layers {

Cropping3DLayer::Cropping3DLayer(SpatialPairs cropping,
                                 Cropping3DOptions options)
    : CroppingLayer(3, std::move(cropping), options.data_format, true,
                    std::move(options.base), "cropping3d") {}

Cropping3DLayer::Cropping3DLayer(std::int64_t cropping,
                                 Cropping3DOptions options)
    : CroppingLayer(3, SpatialPairs(3, {cropping, cropping}),
                    options.data_format, true, std::move(options.base),
                    "cropping3d") {}

std::shared_ptr<Cropping3DLayer> Cropping3DLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Cropping3D");
  return std::make_shared<Cropping3DLayer>(
      read_pairs(r, "cropping", 3, {{1, 1}, {1, 1}, {1, 1}}),
      Cropping3DOptions{.data_format = r.get<std::string>("data_format", ""),
                        .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
