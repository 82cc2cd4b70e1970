// File: keras/layers/convolutional/conv2d.h
// -----------------------------------------------------------------------------
// Conv2D (Python: keras/src/layers/convolutional/conv2d.py):
// a 2D convolution (see base_conv.h) on rank-4 inputs.
//
//   auto y = keras::layers::Conv2D(32, {3, 3}, {.strides = {2}, .activation =
//   "relu"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_conv.h"

namespace keras::layers {

class Conv2DLayer : public BaseConvLayer {
 public:
  Conv2DLayer(std::int64_t filters, ConvSizes kernel_size,
              ConvOptions options = {});

  std::string class_name() const override { return "Conv2D"; }
  static std::shared_ptr<Conv2DLayer> from_config(const Json& config);
};

class Conv2D : public Ref<Conv2DLayer> {
 public:
  Conv2D(std::int64_t filters, ConvSizes kernel_size, ConvOptions options = {})
      : Ref(std::make_shared<Conv2DLayer>(filters, std::move(kernel_size),
                                          std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
