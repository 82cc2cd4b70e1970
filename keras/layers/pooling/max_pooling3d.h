// File: keras/layers/pooling/max_pooling3d.h
// -----------------------------------------------------------------------------
// MaxPooling3D (Python: keras/src/layers/pooling/max_pooling3d.py): the maximum
// of each `pool_size` window, moved by `strides`, over the 3 spatial dims of a
// rank-5 input (see base_pooling.h).
//
//   auto y = keras::layers::MaxPooling3D({.pool_size = {2}})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_pooling.h"

namespace keras::layers {

class MaxPooling3DLayer : public PoolingLayer {
 public:
  explicit MaxPooling3DLayer(PoolingOptions options = {});

  std::string class_name() const override { return "MaxPooling3D"; }
  static std::shared_ptr<MaxPooling3DLayer> from_config(const Json& config);
};

class MaxPooling3D : public Ref<MaxPooling3DLayer> {
 public:
  explicit MaxPooling3D(PoolingOptions options = {})
      : Ref(std::make_shared<MaxPooling3DLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
