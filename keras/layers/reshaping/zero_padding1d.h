// File: keras/layers/reshaping/zero_padding1d.h
// -----------------------------------------------------------------------------
// ZeroPadding1D (Python: keras/src/layers/reshaping/zero_padding1d.py): pads
// the steps axis of (batch, steps, features) with zeros, (before, after) per
// axis; a single int pads every side.
//
//   auto y = keras::layers::ZeroPadding1D({{1, 2}})(x);
//   // (B, 5, 4) -> (B, 8, 4)
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/reshaping/zero_padding.h"

namespace keras::layers {

struct ZeroPadding1DOptions {
  std::string data_format = "";  // "" = channels_last
  LayerOptions base = {};
};

class ZeroPadding1DLayer : public ZeroPaddingLayer {
 public:
  explicit ZeroPadding1DLayer(SpatialPairs padding = {{1, 1}},
                              ZeroPadding1DOptions options = {});
  explicit ZeroPadding1DLayer(std::int64_t padding,
                              ZeroPadding1DOptions options = {});

  std::string class_name() const override { return "ZeroPadding1D"; }
  static std::shared_ptr<ZeroPadding1DLayer> from_config(const Json& config);
};

class ZeroPadding1D : public Ref<ZeroPadding1DLayer> {
 public:
  explicit ZeroPadding1D(SpatialPairs padding = {{1, 1}},
                         ZeroPadding1DOptions options = {})
      : Ref(std::make_shared<ZeroPadding1DLayer>(std::move(padding),
                                                 std::move(options))) {}
  explicit ZeroPadding1D(std::int64_t padding,
                         ZeroPadding1DOptions options = {})
      : Ref(std::make_shared<ZeroPadding1DLayer>(padding, std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
