// File: keras/layers/pooling/adaptive_average_pooling1d.h
// -----------------------------------------------------------------------------
// AdaptiveAveragePooling1D (Python:
// keras/src/layers/pooling/adaptive_average_pooling1d.py): the mean of each of
// `output_size` windows that tile the spatial dims, over the 1 spatial dim of a
// rank-3 input (see base_adaptive_pooling.h).
//
//   auto y = keras::layers::AdaptiveAveragePooling1D({4})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_adaptive_pooling.h"

namespace keras::layers {

class AdaptiveAveragePooling1DLayer : public AdaptivePoolingLayer {
 public:
  AdaptiveAveragePooling1DLayer(std::vector<std::int64_t> output_size,
                                AdaptivePoolingOptions options = {});

  std::string class_name() const override { return "AdaptiveAveragePooling1D"; }
  static std::shared_ptr<AdaptiveAveragePooling1DLayer> from_config(
      const Json& config);
};

class AdaptiveAveragePooling1D : public Ref<AdaptiveAveragePooling1DLayer> {
 public:
  explicit AdaptiveAveragePooling1D(std::vector<std::int64_t> output_size,
                                    AdaptivePoolingOptions options = {})
      : Ref(std::make_shared<AdaptiveAveragePooling1DLayer>(
            std::move(output_size), std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
