#include "keras/layers/convolutional/depthwise_conv2d.h"

namespace keras::layers {

DepthwiseConv2DLayer::DepthwiseConv2DLayer(ConvSizes kernel_size,
                                           DepthwiseConvOptions options)
    : BaseDepthwiseConvLayer(2, std::move(kernel_size), std::move(options),
                             "depthwise_conv2d") {}

std::shared_ptr<DepthwiseConv2DLayer> DepthwiseConv2DLayer::from_config(
    const Json& config) {
  return from_config_as<DepthwiseConv2DLayer>(config, "DepthwiseConv2D");
}

}  // namespace keras::layers
