// File: keras/layers/pooling/average_pooling3d.h
// -----------------------------------------------------------------------------
// AveragePooling3D (Python: keras/src/layers/pooling/average_pooling3d.py): the
// mean of each `pool_size` window, moved by `strides` (with "same" padding,
// over the real elements only), over the 3 spatial dims of a rank-5 input (see
// base_pooling.h).
//
//   auto y = keras::layers::AveragePooling3D({.pool_size = {2}})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_pooling.h"

namespace keras::layers {

class AveragePooling3DLayer : public PoolingLayer {
 public:
  explicit AveragePooling3DLayer(PoolingOptions options = {});

  std::string class_name() const override { return "AveragePooling3D"; }
  static std::shared_ptr<AveragePooling3DLayer> from_config(const Json& config);
};

class AveragePooling3D : public Ref<AveragePooling3DLayer> {
 public:
  explicit AveragePooling3D(PoolingOptions options = {})
      : Ref(std::make_shared<AveragePooling3DLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
