// File: keras/layers/reshaping/cropping2d.h
// -----------------------------------------------------------------------------
// Cropping2D (Python: keras/src/layers/reshaping/cropping2d.py).
// Cropping2D: crops the 2 spatial axes of images, (before, after) per axis.
// A single int crops every side by that amount.
//
//   auto y = keras::layers::Cropping2D({{1, 0}, {2, 1}})(x);
//   // (B, 6, 6, 3) -> (B, 5, 3, 3)
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/reshaping/cropping.h"

namespace keras::layers {

struct Cropping2DOptions {
  std::string data_format = "";  // "" = channels_last
  LayerOptions base = {};
};

class Cropping2DLayer : public CroppingLayer {
 public:
  explicit Cropping2DLayer(SpatialPairs cropping = {{0, 0}, {0, 0}},
                           Cropping2DOptions options = {});
  explicit Cropping2DLayer(std::int64_t cropping,
                           Cropping2DOptions options = {});

  std::string class_name() const override { return "Cropping2D"; }
  static std::shared_ptr<Cropping2DLayer> from_config(const Json& config);
};

class Cropping2D : public Ref<Cropping2DLayer> {
 public:
  explicit Cropping2D(SpatialPairs cropping = {{0, 0}, {0, 0}},
                      Cropping2DOptions options = {})
      : Ref(std::make_shared<Cropping2DLayer>(std::move(cropping),
                                              std::move(options))) {}
  explicit Cropping2D(std::int64_t cropping, Cropping2DOptions options = {})
      : Ref(std::make_shared<Cropping2DLayer>(cropping, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
