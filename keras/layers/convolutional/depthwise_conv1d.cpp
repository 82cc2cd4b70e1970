#include "keras/layers/convolutional/depthwise_conv1d.h"

namespace keras::layers {

DepthwiseConv1DLayer::DepthwiseConv1DLayer(ConvSizes kernel_size,
                                           DepthwiseConvOptions options)
    : BaseDepthwiseConvLayer(1, std::move(kernel_size), std::move(options),
                             "depthwise_conv1d") {}

std::shared_ptr<DepthwiseConv1DLayer> DepthwiseConv1DLayer::from_config(
    const Json& config) {
  return from_config_as<DepthwiseConv1DLayer>(config, "DepthwiseConv1D");
}

}  // namespace keras::layers
