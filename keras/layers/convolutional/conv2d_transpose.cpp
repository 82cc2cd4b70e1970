#include "keras/layers/convolutional/conv2d_transpose.h"

namespace keras::layers {

Conv2DTransposeLayer::Conv2DTransposeLayer(std::int64_t filters,
                                           ConvSizes kernel_size,
                                           ConvTransposeOptions options)
    : BaseConvTransposeLayer(2, filters, std::move(kernel_size),
                             std::move(options), "conv2d_transpose") {}

std::shared_ptr<Conv2DTransposeLayer> Conv2DTransposeLayer::from_config(
    const Json& config) {
  return from_config_as<Conv2DTransposeLayer>(config, "Conv2DTranspose");
}

}  // namespace keras::layers
