#include "keras/layers/reshaping/zero_padding1d.h"

namespace keras::layers {

ZeroPadding1DLayer::ZeroPadding1DLayer(SpatialPairs padding,
                                       ZeroPadding1DOptions options)
    : ZeroPaddingLayer(1, std::move(padding), options.data_format,
                       std::move(options.base), "zero_padding1d") {}

ZeroPadding1DLayer::ZeroPadding1DLayer(std::int64_t padding,
                                       ZeroPadding1DOptions options)
    : ZeroPaddingLayer(1, SpatialPairs(1, {padding, padding}),
                       options.data_format, std::move(options.base),
                       "zero_padding1d") {}

std::shared_ptr<ZeroPadding1DLayer> ZeroPadding1DLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "ZeroPadding1D");
  return std::make_shared<ZeroPadding1DLayer>(
      read_pairs(r, "padding", 1, {{1, 1}}),
      ZeroPadding1DOptions{.data_format = r.get<std::string>("data_format", ""),
                           .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
