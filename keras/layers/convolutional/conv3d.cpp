#include "keras/layers/convolutional/conv3d.h"

namespace keras::layers {

Conv3DLayer::Conv3DLayer(std::int64_t filters, ConvSizes kernel_size,
                         ConvOptions options)
    : BaseConvLayer(3, filters, std::move(kernel_size), std::move(options),
                    "conv3d") {}

std::shared_ptr<Conv3DLayer> Conv3DLayer::from_config(const Json& config) {
  return from_config_as<Conv3DLayer>(config, "Conv3D");
}

}  // namespace keras::layers
