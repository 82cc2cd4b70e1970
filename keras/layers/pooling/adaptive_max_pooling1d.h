// File: keras/layers/pooling/adaptive_max_pooling1d.h
// -----------------------------------------------------------------------------
// AdaptiveMaxPooling1D (Python:
// keras/src/layers/pooling/adaptive_max_pooling1d.py): the maximum of each of
// `output_size` windows that tile the spatial dims, over the 1 spatial dim of a
// rank-3 input (see base_adaptive_pooling.h).
//
//   auto y = keras::layers::AdaptiveMaxPooling1D({4})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/pooling/base_adaptive_pooling.h"

namespace keras::layers {

class AdaptiveMaxPooling1DLayer : public AdaptivePoolingLayer {
 public:
  AdaptiveMaxPooling1DLayer(std::vector<std::int64_t> output_size,
                            AdaptivePoolingOptions options = {});

  std::string class_name() const override { return "AdaptiveMaxPooling1D"; }
  static std::shared_ptr<AdaptiveMaxPooling1DLayer> from_config(
      const Json& config);
};

class AdaptiveMaxPooling1D : public Ref<AdaptiveMaxPooling1DLayer> {
 public:
  explicit AdaptiveMaxPooling1D(std::vector<std::int64_t> output_size,
                                AdaptivePoolingOptions options = {})
      : Ref(std::make_shared<AdaptiveMaxPooling1DLayer>(std::move(output_size),
                                                        std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
