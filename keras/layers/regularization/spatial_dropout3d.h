// File: keras/layers/regularization/spatial_dropout3d.h
// -----------------------------------------------------------------------------
// SpatialDropout3D (Python:
// keras/src/layers/regularization/spatial_dropout.py): drops whole channels of
// a rank-5 input (channels last or first) while training; see
// base_spatial_dropout.h.
//
//   auto y = keras::layers::SpatialDropout3D(0.1)(x, {.training = true});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/regularization/base_spatial_dropout.h"

namespace keras::layers {

class SpatialDropout3DLayer : public SpatialDropoutLayer {
 public:
  explicit SpatialDropout3DLayer(double rate,
                                 SpatialDropoutOptions options = {});

  std::string class_name() const override { return "SpatialDropout3D"; }
  static std::shared_ptr<SpatialDropout3DLayer> from_config(const Json& config);
};

class SpatialDropout3D : public Ref<SpatialDropout3DLayer> {
 public:
  explicit SpatialDropout3D(double rate, SpatialDropoutOptions options = {})
      : Ref(std::make_shared<SpatialDropout3DLayer>(rate, std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
