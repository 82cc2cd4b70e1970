// File: keras/layers/pooling/global_average_pooling3d.h
// -----------------------------------------------------------------------------
// GlobalAveragePooling3D (Python:
// keras/src/layers/pooling/global_average_pooling3d.py): the mean over all
// spatial dims, over the 3 spatial dims of a rank-5 input (see
// base_global_pooling.h).
//
//   auto y = keras::layers::GlobalAveragePooling3D()(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_global_pooling.h"

namespace keras::layers {

class GlobalAveragePooling3DLayer : public GlobalPoolingLayer {
 public:
  explicit GlobalAveragePooling3DLayer(GlobalPoolingOptions options = {});

  std::string class_name() const override { return "GlobalAveragePooling3D"; }
  static std::shared_ptr<GlobalAveragePooling3DLayer> from_config(
      const Json& config);
};

class GlobalAveragePooling3D : public Ref<GlobalAveragePooling3DLayer> {
 public:
  explicit GlobalAveragePooling3D(GlobalPoolingOptions options = {})
      : Ref(std::make_shared<GlobalAveragePooling3DLayer>(std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
