#include "keras/layers/convolutional/conv1d_transpose.h"

namespace keras::layers {

Conv1DTransposeLayer::Conv1DTransposeLayer(std::int64_t filters,
                                           ConvSizes kernel_size,
                                           ConvTransposeOptions options)
    : BaseConvTransposeLayer(1, filters, std::move(kernel_size),
                             std::move(options), "conv1d_transpose") {}

std::shared_ptr<Conv1DTransposeLayer> Conv1DTransposeLayer::from_config(
    const Json& config) {
  return from_config_as<Conv1DTransposeLayer>(config, "Conv1DTranspose");
}

}  // namespace keras::layers
