// File: keras/layers/rnn/conv_lstm2d.h
// -----------------------------------------------------------------------------
// ConvLSTM2D (Python: keras/src/layers/rnn/conv_lstm2d.py): ConvLSTM (see
// conv_lstm.h) with 2D convolutions, on rank-5 inputs.
//
//   auto y = keras::layers::ConvLSTM2D(8, {3, 3}, {.return_sequences =
//   true})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/rnn/conv_lstm.h"

namespace keras::layers {

class ConvLSTM2DLayer : public ConvLSTMLayer {
 public:
  ConvLSTM2DLayer(std::int64_t filters, ConvLSTMSizes kernel_size,
                  ConvLSTMOptions options = {});

  std::string class_name() const override { return "ConvLSTM2D"; }
  static std::shared_ptr<ConvLSTM2DLayer> from_config(const Json& config);
};

class ConvLSTM2D : public Ref<ConvLSTM2DLayer> {
 public:
  ConvLSTM2D(std::int64_t filters, ConvLSTMSizes kernel_size,
             ConvLSTMOptions options = {})
      : Ref(std::make_shared<ConvLSTM2DLayer>(filters, std::move(kernel_size),
                                              std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
