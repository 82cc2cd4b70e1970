// File: keras/layers/convolutional/conv2d_transpose.h
// -----------------------------------------------------------------------------
// Conv2DTranspose (Python: keras/src/layers/convolutional/conv2d_transpose.py):
// a 2D transposed convolution (see base_conv_transpose.h) on rank-4 inputs.
//
//   auto y = keras::layers::Conv2DTranspose(16, {3}, {.strides = {2}, .padding
//   = "same"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_conv_transpose.h"

namespace keras::layers {

class Conv2DTransposeLayer : public BaseConvTransposeLayer {
 public:
  Conv2DTransposeLayer(std::int64_t filters, ConvSizes kernel_size,
                       ConvTransposeOptions options = {});

  std::string class_name() const override { return "Conv2DTranspose"; }
  static std::shared_ptr<Conv2DTransposeLayer> from_config(const Json& config);
};

class Conv2DTranspose : public Ref<Conv2DTransposeLayer> {
 public:
  Conv2DTranspose(std::int64_t filters, ConvSizes kernel_size,
                  ConvTransposeOptions options = {})
      : Ref(std::make_shared<Conv2DTransposeLayer>(
            filters, std::move(kernel_size), std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
