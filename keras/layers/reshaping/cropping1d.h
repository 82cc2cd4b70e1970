// File: keras/layers/reshaping/cropping1d.h
// -----------------------------------------------------------------------------
// Cropping1D (Python: keras/src/layers/reshaping/cropping1d.py).
// Cropping1D: crops the steps axis of (batch, steps, features).
// A single int crops every side by that amount.
//
//   auto y = keras::layers::Cropping1D({1, 2})(x);   // (B, 6, 2) -> (B, 3, 2)
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/reshaping/cropping.h"

namespace keras::layers {

class Cropping1DLayer : public CroppingLayer {
 public:
  explicit Cropping1DLayer(std::pair<std::int64_t, std::int64_t> cropping = {1,
                                                                             1},
                           LayerOptions base = {});
  explicit Cropping1DLayer(std::int64_t cropping, LayerOptions base = {});

  std::string class_name() const override { return "Cropping1D"; }
  static std::shared_ptr<Cropping1DLayer> from_config(const Json& config);
};

class Cropping1D : public Ref<Cropping1DLayer> {
 public:
  explicit Cropping1D(std::pair<std::int64_t, std::int64_t> cropping = {1, 1},
                      LayerOptions base = {})
      : Ref(std::make_shared<Cropping1DLayer>(cropping, std::move(base))) {}
  explicit Cropping1D(std::int64_t cropping, LayerOptions base = {})
      : Ref(std::make_shared<Cropping1DLayer>(cropping, std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
