// File: keras/layers/convolutional/separable_conv1d.h
// -----------------------------------------------------------------------------
// SeparableConv1D (Python: keras/src/layers/convolutional/separable_conv1d.py):
// a 1D depthwise separable convolution (see base_separable_conv.h) on rank-3
// inputs.
//
//   auto y = keras::layers::SeparableConv1D(32, {3}, {.depth_multiplier =
//   2})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_separable_conv.h"

namespace keras::layers {

class SeparableConv1DLayer : public BaseSeparableConvLayer {
 public:
  SeparableConv1DLayer(std::int64_t filters, ConvSizes kernel_size,
                       SeparableConvOptions options = {});

  std::string class_name() const override { return "SeparableConv1D"; }
  static std::shared_ptr<SeparableConv1DLayer> from_config(const Json& config);
};

class SeparableConv1D : public Ref<SeparableConv1DLayer> {
 public:
  SeparableConv1D(std::int64_t filters, ConvSizes kernel_size,
                  SeparableConvOptions options = {})
      : Ref(std::make_shared<SeparableConv1DLayer>(
            filters, std::move(kernel_size), std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
