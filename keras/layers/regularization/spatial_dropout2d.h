// File: keras/layers/regularization/spatial_dropout2d.h
// -----------------------------------------------------------------------------
// SpatialDropout2D (Python:
// keras/src/layers/regularization/spatial_dropout.py): drops whole channels of
// a rank-4 input (channels last or first) while training; see
// base_spatial_dropout.h.
//
//   auto y = keras::layers::SpatialDropout2D(0.2, {.seed = 7})(x, {.training =
//   true});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/regularization/base_spatial_dropout.h"

namespace keras::layers {

class SpatialDropout2DLayer : public SpatialDropoutLayer {
 public:
  explicit SpatialDropout2DLayer(double rate,
                                 SpatialDropoutOptions options = {});

  std::string class_name() const override { return "SpatialDropout2D"; }
  static std::shared_ptr<SpatialDropout2DLayer> from_config(const Json& config);
};

class SpatialDropout2D : public Ref<SpatialDropout2DLayer> {
 public:
  explicit SpatialDropout2D(double rate, SpatialDropoutOptions options = {})
      : Ref(std::make_shared<SpatialDropout2DLayer>(rate, std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
