// File: keras/layers/convolutional/conv3d_transpose.h
// -----------------------------------------------------------------------------
// Conv3DTranspose (Python: keras/src/layers/convolutional/conv3d_transpose.py):
// a 3D transposed convolution (see base_conv_transpose.h) on rank-5 inputs.
//
//   auto y = keras::layers::Conv3DTranspose(4, {2}, {.strides = {2}})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_conv_transpose.h"

namespace keras::layers {

class Conv3DTransposeLayer : public BaseConvTransposeLayer {
 public:
  Conv3DTransposeLayer(std::int64_t filters, ConvSizes kernel_size,
                       ConvTransposeOptions options = {});

  std::string class_name() const override { return "Conv3DTranspose"; }
  static std::shared_ptr<Conv3DTransposeLayer> from_config(const Json& config);
};

class Conv3DTranspose : public Ref<Conv3DTransposeLayer> {
 public:
  Conv3DTranspose(std::int64_t filters, ConvSizes kernel_size,
                  ConvTransposeOptions options = {})
      : Ref(std::make_shared<Conv3DTransposeLayer>(
            filters, std::move(kernel_size), std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
