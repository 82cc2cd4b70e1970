// File: keras/layers/pooling/adaptive_max_pooling2d.h
// -----------------------------------------------------------------------------
// AdaptiveMaxPooling2D (Python:
// keras/src/layers/pooling/adaptive_max_pooling2d.py): the maximum of each of
// `output_size` windows that tile the spatial dims, over the 2 spatial dims of
// a rank-4 input (see base_adaptive_pooling.h).
//
//   auto y = keras::layers::AdaptiveMaxPooling2D({2, 3})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_adaptive_pooling.h"

namespace keras::layers {

class AdaptiveMaxPooling2DLayer : public AdaptivePoolingLayer {
 public:
  AdaptiveMaxPooling2DLayer(std::vector<std::int64_t> output_size,
                            AdaptivePoolingOptions options = {});

  std::string class_name() const override { return "AdaptiveMaxPooling2D"; }
  static std::shared_ptr<AdaptiveMaxPooling2DLayer> from_config(
      const Json& config);
};

class AdaptiveMaxPooling2D : public Ref<AdaptiveMaxPooling2DLayer> {
 public:
  explicit AdaptiveMaxPooling2D(std::vector<std::int64_t> output_size,
                                AdaptivePoolingOptions options = {})
      : Ref(std::make_shared<AdaptiveMaxPooling2DLayer>(std::move(output_size),
                                                        std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
