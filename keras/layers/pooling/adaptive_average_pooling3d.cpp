#include "keras/layers/pooling/adaptive_average_pooling3d.h"

namespace keras::layers {

AdaptiveAveragePooling3DLayer::AdaptiveAveragePooling3DLayer(
    std::vector<std::int64_t> output_size, AdaptivePoolingOptions options)
    : AdaptivePoolingLayer(3, Mode::kAverage, std::move(output_size),
                           std::move(options), "adaptive_average_pooling3d") {}

std::shared_ptr<AdaptiveAveragePooling3DLayer>
AdaptiveAveragePooling3DLayer::from_config(const Json& config) {
  Parsed p = parse_config(config, "AdaptiveAveragePooling3D");
  return std::make_shared<AdaptiveAveragePooling3DLayer>(
      std::move(p.output_size), std::move(p.options));
}

}  // namespace keras::layers
