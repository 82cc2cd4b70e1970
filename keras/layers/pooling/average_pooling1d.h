// File: keras/layers/pooling/average_pooling1d.h
// -----------------------------------------------------------------------------
// AveragePooling1D (Python: keras/src/layers/pooling/average_pooling1d.py): the
// mean of each `pool_size` window, moved by `strides` (with "same" padding,
// over the real elements only), over the 1 spatial dim of a rank-3 input (see
// base_pooling.h).
//
//   auto y = keras::layers::AveragePooling1D({.pool_size = {3}, .strides =
//   {2}})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_pooling.h"

namespace keras::layers {

class AveragePooling1DLayer : public PoolingLayer {
 public:
  explicit AveragePooling1DLayer(PoolingOptions options = {});

  std::string class_name() const override { return "AveragePooling1D"; }
  static std::shared_ptr<AveragePooling1DLayer> from_config(const Json& config);
};

class AveragePooling1D : public Ref<AveragePooling1DLayer> {
 public:
  explicit AveragePooling1D(PoolingOptions options = {})
      : Ref(std::make_shared<AveragePooling1DLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
