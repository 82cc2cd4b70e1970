// File: keras/layers/reshaping/up_sampling1d.h
// -----------------------------------------------------------------------------
// UpSampling1D (Python: keras/src/layers/reshaping/up_sampling1d.py): repeats
// each step of (batch, steps, features) `size` times.
//
//   auto y = keras::layers::UpSampling1D(2)(x);   // (B, 5, 4) -> (B, 10, 4)
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/reshaping/up_sampling.h"

namespace keras::layers {

class UpSampling1DLayer : public UpSamplingLayer {
 public:
  explicit UpSampling1DLayer(std::int64_t size = 2, LayerOptions base = {});

  std::string class_name() const override { return "UpSampling1D"; }
  Json get_config() const override;
  static std::shared_ptr<UpSampling1DLayer> from_config(const Json& config);
};

class UpSampling1D : public Ref<UpSampling1DLayer> {
 public:
  explicit UpSampling1D(std::int64_t size = 2, LayerOptions base = {})
      : Ref(std::make_shared<UpSampling1DLayer>(size, std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
