#include "keras/layers/reshaping/zero_padding2d.h"

namespace keras::layers {

ZeroPadding2DLayer::ZeroPadding2DLayer(SpatialPairs padding,
                                       ZeroPadding2DOptions options)
    : ZeroPaddingLayer(2, std::move(padding), options.data_format,
                       std::move(options.base), "zero_padding2d") {}

ZeroPadding2DLayer::ZeroPadding2DLayer(std::int64_t padding,
                                       ZeroPadding2DOptions options)
    : ZeroPaddingLayer(2, SpatialPairs(2, {padding, padding}),
                       options.data_format, std::move(options.base),
                       "zero_padding2d") {}

std::shared_ptr<ZeroPadding2DLayer> ZeroPadding2DLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "ZeroPadding2D");
  return std::make_shared<ZeroPadding2DLayer>(
      read_pairs(r, "padding", 2, {{1, 1}, {1, 1}}),
      ZeroPadding2DOptions{.data_format = r.get<std::string>("data_format", ""),
                           .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
