#include "keras/layers/convolutional/conv1d.h"

namespace keras::layers {

Conv1DLayer::Conv1DLayer(std::int64_t filters, ConvSizes kernel_size,
                         ConvOptions options)
    : BaseConvLayer(1, filters, std::move(kernel_size), std::move(options),
                    "conv1d") {}

std::shared_ptr<Conv1DLayer> Conv1DLayer::from_config(const Json& config) {
  return from_config_as<Conv1DLayer>(config, "Conv1D");
}

}  // namespace keras::layers
