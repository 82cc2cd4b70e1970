#include "keras/layers/pooling/adaptive_average_pooling1d.h"

namespace keras::layers {

AdaptiveAveragePooling1DLayer::AdaptiveAveragePooling1DLayer(
    std::vector<std::int64_t> output_size, AdaptivePoolingOptions options)
    : AdaptivePoolingLayer(1, Mode::kAverage, std::move(output_size),
                           std::move(options), "adaptive_average_pooling1d") {}

std::shared_ptr<AdaptiveAveragePooling1DLayer>
AdaptiveAveragePooling1DLayer::from_config(const Json& config) {
  Parsed p = parse_config(config, "AdaptiveAveragePooling1D");
  return std::make_shared<AdaptiveAveragePooling1DLayer>(
      std::move(p.output_size), std::move(p.options));
}

}  // namespace keras::layers
