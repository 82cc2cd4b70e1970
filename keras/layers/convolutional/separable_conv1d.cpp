#include "keras/layers/convolutional/separable_conv1d.h"

namespace keras::layers {

SeparableConv1DLayer::SeparableConv1DLayer(std::int64_t filters,
                                           ConvSizes kernel_size,
                                           SeparableConvOptions options)
    : BaseSeparableConvLayer(1, filters, std::move(kernel_size),
                             std::move(options), "separable_conv1d") {}

std::shared_ptr<SeparableConv1DLayer> SeparableConv1DLayer::from_config(
    const Json& config) {
  return from_config_as<SeparableConv1DLayer>(config, "SeparableConv1D");
}

}  // namespace keras::layers
