#include "keras/layers/pooling/adaptive_average_pooling2d.h"

namespace keras::layers {

AdaptiveAveragePooling2DLayer::AdaptiveAveragePooling2DLayer(
    std::vector<std::int64_t> output_size, AdaptivePoolingOptions options)
    : AdaptivePoolingLayer(2, Mode::kAverage, std::move(output_size),
                           std::move(options), "adaptive_average_pooling2d") {}

std::shared_ptr<AdaptiveAveragePooling2DLayer>
AdaptiveAveragePooling2DLayer::from_config(const Json& config) {
  Parsed p = parse_config(config, "AdaptiveAveragePooling2D");
  return std::make_shared<AdaptiveAveragePooling2DLayer>(
      std::move(p.output_size), std::move(p.options));
}

}  // namespace keras::layers
