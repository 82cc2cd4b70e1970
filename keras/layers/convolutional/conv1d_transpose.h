// File: keras/layers/convolutional/conv1d_transpose.h
// -----------------------------------------------------------------------------
// Conv1DTranspose (Python: keras/src/layers/convolutional/conv1d_transpose.py):
// a 1D transposed convolution (see base_conv_transpose.h) on rank-3 inputs.
//
//   auto y = keras::layers::Conv1DTranspose(16, {3}, {.strides = {2}})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_conv_transpose.h"

namespace keras::layers {

class Conv1DTransposeLayer : public BaseConvTransposeLayer {
 public:
  Conv1DTransposeLayer(std::int64_t filters, ConvSizes kernel_size,
                       ConvTransposeOptions options = {});

  std::string class_name() const override { return "Conv1DTranspose"; }
  static std::shared_ptr<Conv1DTransposeLayer> from_config(const Json& config);
};

class Conv1DTranspose : public Ref<Conv1DTransposeLayer> {
 public:
  Conv1DTranspose(std::int64_t filters, ConvSizes kernel_size,
                  ConvTransposeOptions options = {})
      : Ref(std::make_shared<Conv1DTransposeLayer>(
            filters, std::move(kernel_size), std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
