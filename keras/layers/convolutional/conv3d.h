// File: keras/layers/convolutional/conv3d.h
// -----------------------------------------------------------------------------
// Conv3D (Python: keras/src/layers/convolutional/conv3d.py):
// a 3D convolution (see base_conv.h) on rank-5 inputs.
//
//   auto y = keras::layers::Conv3D(8, {3}, {.padding = "same"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_conv.h"

namespace keras::layers {

class Conv3DLayer : public BaseConvLayer {
 public:
  Conv3DLayer(std::int64_t filters, ConvSizes kernel_size,
              ConvOptions options = {});

  std::string class_name() const override { return "Conv3D"; }
  static std::shared_ptr<Conv3DLayer> from_config(const Json& config);
};

class Conv3D : public Ref<Conv3DLayer> {
 public:
  Conv3D(std::int64_t filters, ConvSizes kernel_size, ConvOptions options = {})
      : Ref(std::make_shared<Conv3DLayer>(filters, std::move(kernel_size),
                                          std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
