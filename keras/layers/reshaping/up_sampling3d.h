// File: keras/layers/reshaping/up_sampling3d.h
// -----------------------------------------------------------------------------
// UpSampling3D (Python: keras/src/layers/reshaping/up_sampling3d.py): repeats
// the entries of the three spatial axes of volumes `size` times each.
//
//   auto y = keras::layers::UpSampling3D({1, 2, 2})(x);
//   // (B, 2, 3, 3, 2) -> (B, 2, 6, 6, 2)
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/reshaping/up_sampling.h"

namespace keras::layers {

struct UpSampling3DOptions {
  std::string data_format = "";  // "" = channels_last
  LayerOptions base = {};
};

class UpSampling3DLayer : public UpSamplingLayer {
 public:
  explicit UpSampling3DLayer(std::vector<std::int64_t> size = {2, 2, 2},
                             UpSampling3DOptions options = {});

  std::string class_name() const override { return "UpSampling3D"; }
  Json get_config() const override;
  static std::shared_ptr<UpSampling3DLayer> from_config(const Json& config);
};

class UpSampling3D : public Ref<UpSampling3DLayer> {
 public:
  explicit UpSampling3D(std::vector<std::int64_t> size = {2, 2, 2},
                        UpSampling3DOptions options = {})
      : Ref(std::make_shared<UpSampling3DLayer>(std::move(size),
                                                std::move(options))) {}
  explicit UpSampling3D(std::int64_t size, UpSampling3DOptions options = {})
      : UpSampling3D(std::vector<std::int64_t>{size}, std::move(options)) {}
  using Ref::Ref;
};

}  // namespace keras::layers
