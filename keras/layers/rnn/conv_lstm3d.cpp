#include "keras/layers/rnn/conv_lstm3d.h"

namespace keras::layers {

ConvLSTM3DLayer::ConvLSTM3DLayer(std::int64_t filters,
                                 ConvLSTMSizes kernel_size,
                                 ConvLSTMOptions options)
    : ConvLSTMLayer(3, filters, std::move(kernel_size), std::move(options),
                    "conv_lstm3d") {}

std::shared_ptr<ConvLSTM3DLayer> ConvLSTM3DLayer::from_config(
    const Json& config) {
  return from_config_as<ConvLSTM3DLayer>(config, "ConvLSTM3D");
}

}  // namespace keras::layers
