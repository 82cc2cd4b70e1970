// File: keras/layers/reshaping/cropping3d.h
// -----------------------------------------------------------------------------
// Cropping3D (Python: keras/src/layers/reshaping/cropping3d.py).
// Cropping3D: crops the 3 spatial axes of volumes, (before, after) per axis.
// A single int crops every side by that amount.
//
//   auto y = keras::layers::Cropping3D({{1, 0}, {0, 1}, {1, 1}})(x);
//   // (B, 4, 4, 4, 2) -> (B, 3, 3, 2, 2)
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/reshaping/cropping.h"

namespace keras::layers {

struct Cropping3DOptions {
  std::string data_format = "";  // "" = channels_last
  LayerOptions base = {};
};

class Cropping3DLayer : public CroppingLayer {
 public:
  explicit Cropping3DLayer(SpatialPairs cropping = {{1, 1}, {1, 1}, {1, 1}},
                           Cropping3DOptions options = {});
  explicit Cropping3DLayer(std::int64_t cropping,
                           Cropping3DOptions options = {});

  std::string class_name() const override { return "Cropping3D"; }
  static std::shared_ptr<Cropping3DLayer> from_config(const Json& config);
};

class Cropping3D : public Ref<Cropping3DLayer> {
 public:
  explicit Cropping3D(SpatialPairs cropping = {{1, 1}, {1, 1}, {1, 1}},
                      Cropping3DOptions options = {})
      : Ref(std::make_shared<Cropping3DLayer>(std::move(cropping),
                                              std::move(options))) {}
  explicit Cropping3D(std::int64_t cropping, Cropping3DOptions options = {})
      : Ref(std::make_shared<Cropping3DLayer>(cropping, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
