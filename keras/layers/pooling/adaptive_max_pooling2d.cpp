#include "keras/layers/pooling/adaptive_max_pooling2d.h"

namespace keras::layers {

AdaptiveMaxPooling2DLayer::AdaptiveMaxPooling2DLayer(
    std::vector<std::int64_t> output_size, AdaptivePoolingOptions options)
    : AdaptivePoolingLayer(2, Mode::kMax, std::move(output_size),
                           std::move(options), "adaptive_max_pooling2d") {}

std::shared_ptr<AdaptiveMaxPooling2DLayer>
AdaptiveMaxPooling2DLayer::from_config(const Json& config) {
  Parsed p = parse_config(config, "AdaptiveMaxPooling2D");
  return std::make_shared<AdaptiveMaxPooling2DLayer>(std::move(p.output_size),
                                                     std::move(p.options));
}

}  // namespace keras::layers
