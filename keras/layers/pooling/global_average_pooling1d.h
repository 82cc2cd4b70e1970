// File: keras/layers/pooling/global_average_pooling1d.h
// -----------------------------------------------------------------------------
// GlobalAveragePooling1D (Python:
// keras/src/layers/pooling/global_average_pooling1d.py): the mean over all
// spatial dims, over the 1 spatial dim of a rank-3 input (see
// base_global_pooling.h).
//
//   auto y = keras::layers::GlobalAveragePooling1D({.keepdims = true})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_global_pooling.h"

namespace keras::layers {

class GlobalAveragePooling1DLayer : public GlobalPoolingLayer {
 public:
  explicit GlobalAveragePooling1DLayer(GlobalPoolingOptions options = {});

  std::string class_name() const override { return "GlobalAveragePooling1D"; }
  // Keras' call() takes `mask=`.
  bool call_takes_mask() const override { return true; }
  static std::shared_ptr<GlobalAveragePooling1DLayer> from_config(
      const Json& config);
};

class GlobalAveragePooling1D : public Ref<GlobalAveragePooling1DLayer> {
 public:
  explicit GlobalAveragePooling1D(GlobalPoolingOptions options = {})
      : Ref(std::make_shared<GlobalAveragePooling1DLayer>(std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
