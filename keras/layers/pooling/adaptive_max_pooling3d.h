// File: keras/layers/pooling/adaptive_max_pooling3d.h
// -----------------------------------------------------------------------------
// AdaptiveMaxPooling3D (Python:
// keras/src/layers/pooling/adaptive_max_pooling3d.py): the maximum of each of
// `output_size` windows that tile the spatial dims, over the 3 spatial dims of
// a rank-5 input (see base_adaptive_pooling.h).
//
//   auto y = keras::layers::AdaptiveMaxPooling3D({2})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_adaptive_pooling.h"

namespace keras::layers {

class AdaptiveMaxPooling3DLayer : public AdaptivePoolingLayer {
 public:
  AdaptiveMaxPooling3DLayer(std::vector<std::int64_t> output_size,
                            AdaptivePoolingOptions options = {});

  std::string class_name() const override { return "AdaptiveMaxPooling3D"; }
  static std::shared_ptr<AdaptiveMaxPooling3DLayer> from_config(
      const Json& config);
};

class AdaptiveMaxPooling3D : public Ref<AdaptiveMaxPooling3DLayer> {
 public:
  explicit AdaptiveMaxPooling3D(std::vector<std::int64_t> output_size,
                                AdaptivePoolingOptions options = {})
      : Ref(std::make_shared<AdaptiveMaxPooling3DLayer>(std::move(output_size),
                                                        std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
