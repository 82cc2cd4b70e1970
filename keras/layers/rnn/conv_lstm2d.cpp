#include "keras/layers/rnn/conv_lstm2d.h"

namespace keras::layers {

ConvLSTM2DLayer::ConvLSTM2DLayer(std::int64_t filters,
                                 ConvLSTMSizes kernel_size,
                                 ConvLSTMOptions options)
    : ConvLSTMLayer(2, filters, std::move(kernel_size), std::move(options),
                    "conv_lstm2d") {}

std::shared_ptr<ConvLSTM2DLayer> ConvLSTM2DLayer::from_config(
    const Json& config) {
  return from_config_as<ConvLSTM2DLayer>(config, "ConvLSTM2D");
}

}  // namespace keras::layers
