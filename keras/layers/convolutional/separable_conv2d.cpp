#include "keras/layers/convolutional/separable_conv2d.h"

namespace keras::layers {

SeparableConv2DLayer::SeparableConv2DLayer(std::int64_t filters,
                                           ConvSizes kernel_size,
                                           SeparableConvOptions options)
    : BaseSeparableConvLayer(2, filters, std::move(kernel_size),
                             std::move(options), "separable_conv2d") {}

std::shared_ptr<SeparableConv2DLayer> SeparableConv2DLayer::from_config(
    const Json& config) {
  return from_config_as<SeparableConv2DLayer>(config, "SeparableConv2D");
}

}  // namespace keras::layers
