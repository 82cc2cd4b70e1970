#include "keras/layers/rnn/conv_lstm1d.h"

namespace keras::layers {

ConvLSTM1DLayer::ConvLSTM1DLayer(std::int64_t filters,
                                 ConvLSTMSizes kernel_size,
                                 ConvLSTMOptions options)
    : ConvLSTMLayer(1, filters, std::move(kernel_size), std::move(options),
                    "conv_lstm1d") {}

std::shared_ptr<ConvLSTM1DLayer> ConvLSTM1DLayer::from_config(
    const Json& config) {
  return from_config_as<ConvLSTM1DLayer>(config, "ConvLSTM1D");
}

}  // namespace keras::layers
