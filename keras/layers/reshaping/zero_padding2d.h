// File: keras/layers/reshaping/zero_padding2d.h
// -----------------------------------------------------------------------------
// ZeroPadding2D (Python: keras/src/layers/reshaping/zero_padding2d.py): pads
// the 2 spatial axes of images with zeros, (before, after) per axis; a single
// int pads every side.
//
//   auto y = keras::layers::ZeroPadding2D({{1, 0}, {2, 1}})(x);
//   // (B, 6, 6, 3) -> (B, 7, 9, 3)
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/reshaping/zero_padding.h"

namespace keras::layers {

struct ZeroPadding2DOptions {
  std::string data_format = "";  // "" = channels_last
  LayerOptions base = {};
};

class ZeroPadding2DLayer : public ZeroPaddingLayer {
 public:
  explicit ZeroPadding2DLayer(SpatialPairs padding = {{1, 1}, {1, 1}},
                              ZeroPadding2DOptions options = {});
  explicit ZeroPadding2DLayer(std::int64_t padding,
                              ZeroPadding2DOptions options = {});

  std::string class_name() const override { return "ZeroPadding2D"; }
  static std::shared_ptr<ZeroPadding2DLayer> from_config(const Json& config);
};

class ZeroPadding2D : public Ref<ZeroPadding2DLayer> {
 public:
  explicit ZeroPadding2D(SpatialPairs padding = {{1, 1}, {1, 1}},
                         ZeroPadding2DOptions options = {})
      : Ref(std::make_shared<ZeroPadding2DLayer>(std::move(padding),
                                                 std::move(options))) {}
  explicit ZeroPadding2D(std::int64_t padding,
                         ZeroPadding2DOptions options = {})
      : Ref(std::make_shared<ZeroPadding2DLayer>(padding, std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
