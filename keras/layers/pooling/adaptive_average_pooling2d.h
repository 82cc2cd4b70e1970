// File: keras/layers/pooling/adaptive_average_pooling2d.h
// -----------------------------------------------------------------------------
// AdaptiveAveragePooling2D (Python:
// keras/src/layers/pooling/adaptive_average_pooling2d.py): the mean of each of
// `output_size` windows that tile the spatial dims, over the 2 spatial dims of
// a rank-4 input (see base_adaptive_pooling.h).
//
//   auto y = keras::layers::AdaptiveAveragePooling2D({2, 3})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_adaptive_pooling.h"

namespace keras::layers {

class AdaptiveAveragePooling2DLayer : public AdaptivePoolingLayer {
 public:
  AdaptiveAveragePooling2DLayer(std::vector<std::int64_t> output_size,
                                AdaptivePoolingOptions options = {});

  std::string class_name() const override { return "AdaptiveAveragePooling2D"; }
  static std::shared_ptr<AdaptiveAveragePooling2DLayer> from_config(
      const Json& config);
};

class AdaptiveAveragePooling2D : public Ref<AdaptiveAveragePooling2DLayer> {
 public:
  explicit AdaptiveAveragePooling2D(std::vector<std::int64_t> output_size,
                                    AdaptivePoolingOptions options = {})
      : Ref(std::make_shared<AdaptiveAveragePooling2DLayer>(
            std::move(output_size), std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
