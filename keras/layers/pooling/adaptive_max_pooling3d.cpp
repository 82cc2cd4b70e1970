#include "keras/layers/pooling/adaptive_max_pooling3d.h"

namespace keras::layers {

AdaptiveMaxPooling3DLayer::AdaptiveMaxPooling3DLayer(
    std::vector<std::int64_t> output_size, AdaptivePoolingOptions options)
    : AdaptivePoolingLayer(3, Mode::kMax, std::move(output_size),
                           std::move(options), "adaptive_max_pooling3d") {}

std::shared_ptr<AdaptiveMaxPooling3DLayer>
AdaptiveMaxPooling3DLayer::from_config(const Json& config) {
  Parsed p = parse_config(config, "AdaptiveMaxPooling3D");
  return std::make_shared<AdaptiveMaxPooling3DLayer>(std::move(p.output_size),
                                                     std::move(p.options));
}

}  // namespace keras::layers
