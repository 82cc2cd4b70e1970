// File: keras/layers/pooling/average_pooling2d.h
// -----------------------------------------------------------------------------
// AveragePooling2D (Python: keras/src/layers/pooling/average_pooling2d.py): the
// mean of each `pool_size` window, moved by `strides` (with "same" padding,
// over the real elements only), over the 2 spatial dims of a rank-4 input (see
// base_pooling.h).
//
//   auto y = keras::layers::AveragePooling2D({.pool_size = {2, 2}, .padding =
//   "same"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_pooling.h"

namespace keras::layers {

class AveragePooling2DLayer : public PoolingLayer {
 public:
  explicit AveragePooling2DLayer(PoolingOptions options = {});

  std::string class_name() const override { return "AveragePooling2D"; }
  static std::shared_ptr<AveragePooling2DLayer> from_config(const Json& config);
};

class AveragePooling2D : public Ref<AveragePooling2DLayer> {
 public:
  explicit AveragePooling2D(PoolingOptions options = {})
      : Ref(std::make_shared<AveragePooling2DLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
