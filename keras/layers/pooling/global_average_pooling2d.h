// File: keras/layers/pooling/global_average_pooling2d.h
// -----------------------------------------------------------------------------
// GlobalAveragePooling2D (Python:
// keras/src/layers/pooling/global_average_pooling2d.py): the mean over all
// spatial dims, over the 2 spatial dims of a rank-4 input (see
// base_global_pooling.h).
//
//   auto y = keras::layers::GlobalAveragePooling2D({.data_format =
//   "channels_first"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_global_pooling.h"

namespace keras::layers {

class GlobalAveragePooling2DLayer : public GlobalPoolingLayer {
 public:
  explicit GlobalAveragePooling2DLayer(GlobalPoolingOptions options = {});

  std::string class_name() const override { return "GlobalAveragePooling2D"; }
  static std::shared_ptr<GlobalAveragePooling2DLayer> from_config(
      const Json& config);
};

class GlobalAveragePooling2D : public Ref<GlobalAveragePooling2DLayer> {
 public:
  explicit GlobalAveragePooling2D(GlobalPoolingOptions options = {})
      : Ref(std::make_shared<GlobalAveragePooling2DLayer>(std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
