// File: keras/layers/rnn/conv_lstm1d.h
// -----------------------------------------------------------------------------
// ConvLSTM1D (Python: keras/src/layers/rnn/conv_lstm1d.py): ConvLSTM (see
// conv_lstm.h) with 1D convolutions, on rank-4 inputs.
//
//   auto y = keras::layers::ConvLSTM1D(8, {3}, {.padding = "same"})(x);  // x:
//   [b, t, len, c]
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/rnn/conv_lstm.h"

namespace keras::layers {

class ConvLSTM1DLayer : public ConvLSTMLayer {
 public:
  ConvLSTM1DLayer(std::int64_t filters, ConvLSTMSizes kernel_size,
                  ConvLSTMOptions options = {});

  std::string class_name() const override { return "ConvLSTM1D"; }
  static std::shared_ptr<ConvLSTM1DLayer> from_config(const Json& config);
};

class ConvLSTM1D : public Ref<ConvLSTM1DLayer> {
 public:
  ConvLSTM1D(std::int64_t filters, ConvLSTMSizes kernel_size,
             ConvLSTMOptions options = {})
      : Ref(std::make_shared<ConvLSTM1DLayer>(filters, std::move(kernel_size),
                                              std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
