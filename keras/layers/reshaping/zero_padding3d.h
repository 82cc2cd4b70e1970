// File: keras/layers/reshaping/zero_padding3d.h
// -----------------------------------------------------------------------------
// ZeroPadding3D (Python: keras/src/layers/reshaping/zero_padding3d.py): pads
// the 3 spatial axes of volumes with zeros, (before, after) per axis; a single
// int pads every side.
//
//   auto y = keras::layers::ZeroPadding3D(1)(x);
//   // (B, 4, 4, 4, 2) -> (B, 6, 6, 6, 2)
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/reshaping/zero_padding.h"

namespace keras::layers {

struct ZeroPadding3DOptions {
  std::string data_format = "";  // "" = channels_last
  LayerOptions base = {};
};

class ZeroPadding3DLayer : public ZeroPaddingLayer {
 public:
  explicit ZeroPadding3DLayer(SpatialPairs padding = {{1, 1}, {1, 1}, {1, 1}},
                              ZeroPadding3DOptions options = {});
  explicit ZeroPadding3DLayer(std::int64_t padding,
                              ZeroPadding3DOptions options = {});

  std::string class_name() const override { return "ZeroPadding3D"; }
  static std::shared_ptr<ZeroPadding3DLayer> from_config(const Json& config);
};

class ZeroPadding3D : public Ref<ZeroPadding3DLayer> {
 public:
  explicit ZeroPadding3D(SpatialPairs padding = {{1, 1}, {1, 1}, {1, 1}},
                         ZeroPadding3DOptions options = {})
      : Ref(std::make_shared<ZeroPadding3DLayer>(std::move(padding),
                                                 std::move(options))) {}
  explicit ZeroPadding3D(std::int64_t padding,
                         ZeroPadding3DOptions options = {})
      : Ref(std::make_shared<ZeroPadding3DLayer>(padding, std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
