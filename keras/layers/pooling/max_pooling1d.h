// File: keras/layers/pooling/max_pooling1d.h
// -----------------------------------------------------------------------------
// MaxPooling1D (Python: keras/src/layers/pooling/max_pooling1d.py): the maximum
// of each `pool_size` window, moved by `strides`, over the 1 spatial dim of a
// rank-3 input (see base_pooling.h).
//
//   auto y = keras::layers::MaxPooling1D({.pool_size = {3}, .strides =
//   {2}})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_pooling.h"

namespace keras::layers {

class MaxPooling1DLayer : public PoolingLayer {
 public:
  explicit MaxPooling1DLayer(PoolingOptions options = {});

  std::string class_name() const override { return "MaxPooling1D"; }
  static std::shared_ptr<MaxPooling1DLayer> from_config(const Json& config);
};

class MaxPooling1D : public Ref<MaxPooling1DLayer> {
 public:
  explicit MaxPooling1D(PoolingOptions options = {})
      : Ref(std::make_shared<MaxPooling1DLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
