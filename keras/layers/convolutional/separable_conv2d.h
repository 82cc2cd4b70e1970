// File: keras/layers/convolutional/separable_conv2d.h
// -----------------------------------------------------------------------------
// SeparableConv2D (Python: keras/src/layers/convolutional/separable_conv2d.py):
// a 2D depthwise separable convolution (see base_separable_conv.h) on rank-4
// inputs.
//
//   auto y = keras::layers::SeparableConv2D(32, {3}, {.padding = "same"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_separable_conv.h"

namespace keras::layers {

class SeparableConv2DLayer : public BaseSeparableConvLayer {
 public:
  SeparableConv2DLayer(std::int64_t filters, ConvSizes kernel_size,
                       SeparableConvOptions options = {});

  std::string class_name() const override { return "SeparableConv2D"; }
  static std::shared_ptr<SeparableConv2DLayer> from_config(const Json& config);
};

class SeparableConv2D : public Ref<SeparableConv2DLayer> {
 public:
  SeparableConv2D(std::int64_t filters, ConvSizes kernel_size,
                  SeparableConvOptions options = {})
      : Ref(std::make_shared<SeparableConv2DLayer>(
            filters, std::move(kernel_size), std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
