// File: keras/layers/convolutional/depthwise_conv1d.h
// -----------------------------------------------------------------------------
// DepthwiseConv1D (Python: keras/src/layers/convolutional/depthwise_conv1d.py):
// a 1D depthwise convolution (see base_depthwise_conv.h) on rank-3 inputs.
//
//   auto y = keras::layers::DepthwiseConv1D({3}, {.depth_multiplier = 2})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_depthwise_conv.h"

namespace keras::layers {

class DepthwiseConv1DLayer : public BaseDepthwiseConvLayer {
 public:
  DepthwiseConv1DLayer(ConvSizes kernel_size,
                       DepthwiseConvOptions options = {});

  std::string class_name() const override { return "DepthwiseConv1D"; }
  static std::shared_ptr<DepthwiseConv1DLayer> from_config(const Json& config);
};

class DepthwiseConv1D : public Ref<DepthwiseConv1DLayer> {
 public:
  DepthwiseConv1D(ConvSizes kernel_size, DepthwiseConvOptions options = {})
      : Ref(std::make_shared<DepthwiseConv1DLayer>(std::move(kernel_size),
                                                   std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
