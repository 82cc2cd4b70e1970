#include "keras/layers/convolutional/conv2d.h"

namespace keras::layers {

Conv2DLayer::Conv2DLayer(std::int64_t filters, ConvSizes kernel_size,
                         ConvOptions options)
    : BaseConvLayer(2, filters, std::move(kernel_size), std::move(options),
                    "conv2d") {}

std::shared_ptr<Conv2DLayer> Conv2DLayer::from_config(const Json& config) {
  return from_config_as<Conv2DLayer>(config, "Conv2D");
}

}  // namespace keras::layers
