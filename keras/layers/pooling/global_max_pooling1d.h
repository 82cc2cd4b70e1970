// File: keras/layers/pooling/global_max_pooling1d.h
// -----------------------------------------------------------------------------
// GlobalMaxPooling1D (Python:
// keras/src/layers/pooling/global_max_pooling1d.py): the maximum over all
// spatial dims, over the 1 spatial dim of a rank-3 input (see
// base_global_pooling.h).
//
//   auto y = keras::layers::GlobalMaxPooling1D({.keepdims = true})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_global_pooling.h"

namespace keras::layers {

class GlobalMaxPooling1DLayer : public GlobalPoolingLayer {
 public:
  explicit GlobalMaxPooling1DLayer(GlobalPoolingOptions options = {});

  std::string class_name() const override { return "GlobalMaxPooling1D"; }
  static std::shared_ptr<GlobalMaxPooling1DLayer> from_config(
      const Json& config);
};

class GlobalMaxPooling1D : public Ref<GlobalMaxPooling1DLayer> {
 public:
  explicit GlobalMaxPooling1D(GlobalPoolingOptions options = {})
      : Ref(std::make_shared<GlobalMaxPooling1DLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
