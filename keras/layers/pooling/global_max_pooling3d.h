// File: keras/layers/pooling/global_max_pooling3d.h
// -----------------------------------------------------------------------------
// GlobalMaxPooling3D (Python:
// keras/src/layers/pooling/global_max_pooling3d.py): the maximum over all
// spatial dims, over the 3 spatial dims of a rank-5 input (see
// base_global_pooling.h).
//
//   auto y = keras::layers::GlobalMaxPooling3D()(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_global_pooling.h"

namespace keras::layers {

class GlobalMaxPooling3DLayer : public GlobalPoolingLayer {
 public:
  explicit GlobalMaxPooling3DLayer(GlobalPoolingOptions options = {});

  std::string class_name() const override { return "GlobalMaxPooling3D"; }
  static std::shared_ptr<GlobalMaxPooling3DLayer> from_config(
      const Json& config);
};

class GlobalMaxPooling3D : public Ref<GlobalMaxPooling3DLayer> {
 public:
  explicit GlobalMaxPooling3D(GlobalPoolingOptions options = {})
      : Ref(std::make_shared<GlobalMaxPooling3DLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
