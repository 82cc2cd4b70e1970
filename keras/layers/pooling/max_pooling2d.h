// File: keras/layers/pooling/max_pooling2d.h
// -----------------------------------------------------------------------------
// MaxPooling2D (Python: keras/src/layers/pooling/max_pooling2d.py): the maximum
// of each `pool_size` window, moved by `strides`, over the 2 spatial dims of a
// rank-4 input (see base_pooling.h).
//
//   auto y = keras::layers::MaxPooling2D({.pool_size = {2, 2}, .padding =
//   "same"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_pooling.h"

namespace keras::layers {

class MaxPooling2DLayer : public PoolingLayer {
 public:
  explicit MaxPooling2DLayer(PoolingOptions options = {});

  std::string class_name() const override { return "MaxPooling2D"; }
  static std::shared_ptr<MaxPooling2DLayer> from_config(const Json& config);
};

class MaxPooling2D : public Ref<MaxPooling2DLayer> {
 public:
  explicit MaxPooling2D(PoolingOptions options = {})
      : Ref(std::make_shared<MaxPooling2DLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
