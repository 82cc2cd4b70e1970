// File: keras/layers/reshaping/zero_padding.h
// -----------------------------------------------------------------------------
// The shared implementation of ZeroPadding1D/2D/3D (Python: keras/src/layers/
// reshaping/zero_padding{1,2,3}d.py): adds pairs[i].first zeros before and
// pairs[i].second after spatial axis i of (batch, spatial..., channels)
// inputs (channels second with channels_first). Subclasses name the class
// and read their config.
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/layers/layer.h"
#include "keras/layers/reshaping/reshaping_utils.h"

namespace keras::layers {

class ZeroPaddingLayer : public Layer {
 public:
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  const SpatialPairs& padding() const { return padding_; }
  const std::string& data_format() const { return data_format_; }

 protected:
  // data_format "" = channels_last.
  ZeroPaddingLayer(std::size_t n, SpatialPairs padding, std::string data_format,
                   LayerOptions base, const std::string& base_name);

 private:
  std::size_t n_;
  SpatialPairs padding_;
  std::string data_format_;
};

}  // namespace keras::layers
