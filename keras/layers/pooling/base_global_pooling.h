// File: keras/layers/pooling/base_global_pooling.h
// -----------------------------------------------------------------------------
// The shared base of GlobalAveragePooling1D/2D/3D and GlobalMaxPooling1D/2D/3D
// (Python: keras/src/layers/pooling/base_global_pooling.py): the mean or
// maximum over all spatial dims, keeping them as size-1 dims with keepdims.
// GlobalAveragePooling1D averages over the unmasked steps only when its
// input carries a mask (e.g. from Embedding(mask_zero=True)).
// No weights and no build_config (built at construction in Keras).
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/layers/layer.h"

namespace keras::layers {

struct GlobalPoolingOptions {
  std::string data_format = "channels_last";
  bool keepdims = false;
  LayerOptions base = {};
};

class GlobalPoolingLayer : public Layer {
 public:
  enum class Mode { kMax, kAverage };

  GlobalPoolingLayer(int pool_dimensions, Mode mode,
                     GlobalPoolingOptions options,
                     const std::string& base_name);

  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  // Pooling removes the steps a mask refers to: no output mask.
  Tensors compute_mask(const Tensors&, const Tensors&) const override {
    return {};
  }

 protected:
  static GlobalPoolingOptions options_from_config(
      const Json& config, const std::string& class_name);

 private:
  int dims_;
  Mode mode_;
  std::string data_format_;
  bool keepdims_;
};

}  // namespace keras::layers
