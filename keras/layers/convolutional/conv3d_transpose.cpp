#include "keras/layers/convolutional/conv3d_transpose.h"

namespace keras::layers {

Conv3DTransposeLayer::Conv3DTransposeLayer(std::int64_t filters,
                                           ConvSizes kernel_size,
                                           ConvTransposeOptions options)
    : BaseConvTransposeLayer(3, filters, std::move(kernel_size),
                             std::move(options), "conv3d_transpose") {}

std::shared_ptr<Conv3DTransposeLayer> Conv3DTransposeLayer::from_config(
    const Json& config) {
  return from_config_as<Conv3DTransposeLayer>(config, "Conv3DTranspose");
}

}  // namespace keras::layers
