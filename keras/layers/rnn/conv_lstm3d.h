// File: keras/layers/rnn/conv_lstm3d.h
// -----------------------------------------------------------------------------
// ConvLSTM3D (Python: keras/src/layers/rnn/conv_lstm3d.py): ConvLSTM (see
// conv_lstm.h) with 3D convolutions, on rank-6 inputs.
//
//   auto y = keras::layers::ConvLSTM3D(4, {2, 2, 2})(x);  // x: [b, t, d, h, w,
//   c]
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/rnn/conv_lstm.h"

namespace keras::layers {

class ConvLSTM3DLayer : public ConvLSTMLayer {
 public:
  ConvLSTM3DLayer(std::int64_t filters, ConvLSTMSizes kernel_size,
                  ConvLSTMOptions options = {});

  std::string class_name() const override { return "ConvLSTM3D"; }
  static std::shared_ptr<ConvLSTM3DLayer> from_config(const Json& config);
};

class ConvLSTM3D : public Ref<ConvLSTM3DLayer> {
 public:
  ConvLSTM3D(std::int64_t filters, ConvLSTMSizes kernel_size,
             ConvLSTMOptions options = {})
      : Ref(std::make_shared<ConvLSTM3DLayer>(filters, std::move(kernel_size),
                                              std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
