// File: keras/layers/reshaping/up_sampling2d.h
// -----------------------------------------------------------------------------
// UpSampling2D (Python: keras/src/layers/reshaping/up_sampling2d.py): scales
// the rows and columns of images by `size`, repeating pixels ("nearest") or
// interpolating ("bilinear").
//
//   auto y = keras::layers::UpSampling2D({2, 3})(x);   // (B, 3, 3, 2) -> (B,
//   6, 9, 2) auto z = keras::layers::UpSampling2D(2, {.interpolation =
//   "bilinear"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/reshaping/up_sampling.h"

namespace keras::layers {

struct UpSampling2DOptions {
  std::string data_format = "";  // "" = channels_last
  std::string interpolation = "nearest";
  LayerOptions base = {};
};

class UpSampling2DLayer : public UpSamplingLayer {
 public:
  explicit UpSampling2DLayer(std::vector<std::int64_t> size = {2, 2},
                             UpSampling2DOptions options = {});

  std::string class_name() const override { return "UpSampling2D"; }
  Json get_config() const override;
  static std::shared_ptr<UpSampling2DLayer> from_config(const Json& config);
};

class UpSampling2D : public Ref<UpSampling2DLayer> {
 public:
  explicit UpSampling2D(std::vector<std::int64_t> size = {2, 2},
                        UpSampling2DOptions options = {})
      : Ref(std::make_shared<UpSampling2DLayer>(std::move(size),
                                                std::move(options))) {}
  explicit UpSampling2D(std::int64_t size, UpSampling2DOptions options = {})
      : UpSampling2D(std::vector<std::int64_t>{size}, std::move(options)) {}
  using Ref::Ref;
};

}  // namespace keras::layers
