// File: keras/layers/reshaping/cropping.h
// -----------------------------------------------------------------------------
// The shared implementation of Cropping1D/2D/3D (Python: keras/src/layers/
// reshaping/cropping{1,2,3}d.py): removes pairs[i].first leading and
// pairs[i].second trailing entries along spatial axis i. Inputs have rank
// n + 2 (batch, spatial dims, channels; channels second with
// channels_first). Subclasses name the class and read their config.
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/layers/layer.h"
#include "keras/layers/reshaping/reshaping_utils.h"

namespace keras::layers {

class CroppingLayer : public Layer {
 public:
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  const SpatialPairs& cropping() const { return cropping_; }
  const std::string& data_format() const { return data_format_; }

 protected:
  // data_format "" = channels_last; Cropping1D has no data_format argument
  // (pass has_data_format = false) and is always channels_last.
  CroppingLayer(std::size_t n, SpatialPairs cropping, std::string data_format,
                bool has_data_format, LayerOptions base,
                const std::string& base_name);

 private:
  std::size_t n_;
  SpatialPairs cropping_;
  std::string data_format_;
  bool has_data_format_;
};

}  // namespace keras::layers
