#include "keras/layers/reshaping/zero_padding3d.h"

namespace keras::layers {

ZeroPadding3DLayer::ZeroPadding3DLayer(SpatialPairs padding,
                                       ZeroPadding3DOptions options)
    : ZeroPaddingLayer(3, std::move(padding), options.data_format,
                       std::move(options.base), "zero_padding3d") {}

ZeroPadding3DLayer::ZeroPadding3DLayer(std::int64_t padding,
                                       ZeroPadding3DOptions options)
    : ZeroPaddingLayer(3, SpatialPairs(3, {padding, padding}),
                       options.data_format, std::move(options.base),
                       "zero_padding3d") {}

std::shared_ptr<ZeroPadding3DLayer> ZeroPadding3DLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "ZeroPadding3D");
  return std::make_shared<ZeroPadding3DLayer>(
      read_pairs(r, "padding", 3, {{1, 1}, {1, 1}, {1, 1}}),
      ZeroPadding3DOptions{.data_format = r.get<std::string>("data_format", ""),
                           .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
