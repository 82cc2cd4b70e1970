// File: keras/layers/convolutional/conv1d.h
// -----------------------------------------------------------------------------
// Conv1D (Python: keras/src/layers/convolutional/conv1d.py):
// a 1D convolution (see base_conv.h) on rank-3 inputs.
//
//   auto y = keras::layers::Conv1D(32, {3}, {.padding = "causal"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/convolutional/base_conv.h"

namespace keras::layers {

class Conv1DLayer : public BaseConvLayer {
 public:
  Conv1DLayer(std::int64_t filters, ConvSizes kernel_size,
              ConvOptions options = {});

  std::string class_name() const override { return "Conv1D"; }
  static std::shared_ptr<Conv1DLayer> from_config(const Json& config);
};

class Conv1D : public Ref<Conv1DLayer> {
 public:
  Conv1D(std::int64_t filters, ConvSizes kernel_size, ConvOptions options = {})
      : Ref(std::make_shared<Conv1DLayer>(filters, std::move(kernel_size),
                                          std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
