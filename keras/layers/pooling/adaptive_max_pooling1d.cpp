#include "keras/layers/pooling/adaptive_max_pooling1d.h"

namespace keras::layers {

AdaptiveMaxPooling1DLayer::AdaptiveMaxPooling1DLayer(
    std::vector<std::int64_t> output_size, AdaptivePoolingOptions options)
    : AdaptivePoolingLayer(1, Mode::kMax, std::move(output_size),
                           std::move(options), "adaptive_max_pooling1d") {}

std::shared_ptr<AdaptiveMaxPooling1DLayer>
AdaptiveMaxPooling1DLayer::from_config(const Json& config) {
  Parsed p = parse_config(config, "AdaptiveMaxPooling1D");
  return std::make_shared<AdaptiveMaxPooling1DLayer>(std::move(p.output_size),
                                                     std::move(p.options));
}

}  // namespace keras::layers
