// File: keras/layers/pooling/adaptive_average_pooling3d.h
// -----------------------------------------------------------------------------
// AdaptiveAveragePooling3D (Python:
// keras/src/layers/pooling/adaptive_average_pooling3d.py): the mean of each of
// `output_size` windows that tile the spatial dims, over the 3 spatial dims of
// a rank-5 input (see base_adaptive_pooling.h).
//
//   auto y = keras::layers::AdaptiveAveragePooling3D({2})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_adaptive_pooling.h"

namespace keras::layers {

class AdaptiveAveragePooling3DLayer : public AdaptivePoolingLayer {
 public:
  AdaptiveAveragePooling3DLayer(std::vector<std::int64_t> output_size,
                                AdaptivePoolingOptions options = {});

  std::string class_name() const override { return "AdaptiveAveragePooling3D"; }
  static std::shared_ptr<AdaptiveAveragePooling3DLayer> from_config(
      const Json& config);
};

class AdaptiveAveragePooling3D : public Ref<AdaptiveAveragePooling3DLayer> {
 public:
  explicit AdaptiveAveragePooling3D(std::vector<std::int64_t> output_size,
                                    AdaptivePoolingOptions options = {})
      : Ref(std::make_shared<AdaptiveAveragePooling3DLayer>(
            std::move(output_size), std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
