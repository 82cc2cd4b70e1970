// File: keras/layers/convolutional/depthwise_conv2d.h
// -----------------------------------------------------------------------------
// DepthwiseConv2D (Python: keras/src/layers/convolutional/depthwise_conv2d.py):
// a 2D depthwise convolution (see base_depthwise_conv.h) on rank-4 inputs.
//
//   auto y = keras::layers::DepthwiseConv2D({3}, {.padding = "same"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_depthwise_conv.h"

namespace keras::layers {

class DepthwiseConv2DLayer : public BaseDepthwiseConvLayer {
 public:
  DepthwiseConv2DLayer(ConvSizes kernel_size,
                       DepthwiseConvOptions options = {});

  std::string class_name() const override { return "DepthwiseConv2D"; }
  static std::shared_ptr<DepthwiseConv2DLayer> from_config(const Json& config);
};

class DepthwiseConv2D : public Ref<DepthwiseConv2DLayer> {
 public:
  DepthwiseConv2D(ConvSizes kernel_size, DepthwiseConvOptions options = {})
      : Ref(std::make_shared<DepthwiseConv2DLayer>(std::move(kernel_size),
                                                   std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
