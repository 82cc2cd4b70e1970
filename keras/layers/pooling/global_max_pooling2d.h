// File: keras/layers/pooling/global_max_pooling2d.h
// -----------------------------------------------------------------------------
// GlobalMaxPooling2D (Python:
// keras/src/layers/pooling/global_max_pooling2d.py): the maximum over all
// spatial dims, over the 2 spatial dims of a rank-4 input (see
// base_global_pooling.h).
//
//   auto y = keras::layers::GlobalMaxPooling2D({.data_format =
//   "channels_first"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_global_pooling.h"

namespace keras::layers {

class GlobalMaxPooling2DLayer : public GlobalPoolingLayer {
 public:
  explicit GlobalMaxPooling2DLayer(GlobalPoolingOptions options = {});

  std::string class_name() const override { return "GlobalMaxPooling2D"; }
  static std::shared_ptr<GlobalMaxPooling2DLayer> from_config(
      const Json& config);
};

class GlobalMaxPooling2D : public Ref<GlobalMaxPooling2DLayer> {
 public:
  explicit GlobalMaxPooling2D(GlobalPoolingOptions options = {})
      : Ref(std::make_shared<GlobalMaxPooling2DLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
