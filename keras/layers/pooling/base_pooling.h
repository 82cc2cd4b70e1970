// File: keras/layers/pooling/base_pooling.h
// -----------------------------------------------------------------------------
// The shared base of MaxPooling1D/2D/3D and AveragePooling1D/2D/3D (Python:
// keras/src/layers/pooling/base_pooling.py): a window of `pool_size` moved by
// `strides` over the spatial dims, with "valid" or "same" padding, on
// channels-last or channels-first inputs. No weights; Keras builds these
// layers at construction, so they write no build_config.
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <vector>

#include "keras/layers/layer.h"

namespace keras::layers {

// Arguments of every MaxPoolingND / AveragePoolingND, in Python's order.
// A one-element pool_size or strides stands for Python's int (the same
// value for every spatial dim); empty strides means strides = pool_size.
struct PoolingOptions {
  std::vector<std::int64_t> pool_size = {2};
  std::vector<std::int64_t> strides = {};
  std::string padding = "valid";
  std::string data_format = "channels_last";
  LayerOptions base = {};
};

class PoolingLayer : public Layer {
 public:
  enum class Mode { kMax, kAverage };

  PoolingLayer(int pool_dimensions, Mode mode, PoolingOptions options,
               const std::string& base_name);

  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  const std::vector<std::int64_t>& pool_size() const { return pool_size_; }
  const std::vector<std::int64_t>& strides() const { return strides_; }

 protected:
  // Reads the options of a config written by Keras.
  static PoolingOptions options_from_config(const Json& config,
                                            const std::string& class_name);

 private:
  int dims_;
  Mode mode_;
  std::vector<std::int64_t> pool_size_, strides_;
  std::string padding_, data_format_;
};

}  // namespace keras::layers
