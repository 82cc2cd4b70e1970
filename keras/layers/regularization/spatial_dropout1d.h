// File: keras/layers/regularization/spatial_dropout1d.h
// -----------------------------------------------------------------------------
// SpatialDropout1D (Python:
// keras/src/layers/regularization/spatial_dropout.py): drops whole channels of
// a rank-3 input while training; see base_spatial_dropout.h.
//
//   auto y = keras::layers::SpatialDropout1D(0.2)(x, {.training = true});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/regularization/base_spatial_dropout.h"

namespace keras::layers {

class SpatialDropout1DLayer : public SpatialDropoutLayer {
 public:
  explicit SpatialDropout1DLayer(double rate,
                                 SpatialDropoutOptions options = {});

  std::string class_name() const override { return "SpatialDropout1D"; }
  static std::shared_ptr<SpatialDropout1DLayer> from_config(const Json& config);
};

class SpatialDropout1D : public Ref<SpatialDropout1DLayer> {
 public:
  explicit SpatialDropout1D(double rate, SpatialDropoutOptions options = {})
      : Ref(std::make_shared<SpatialDropout1DLayer>(rate, std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
