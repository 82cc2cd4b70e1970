// File: keras/layers/pooling/base_adaptive_pooling.h
// -----------------------------------------------------------------------------
// The shared base of AdaptiveAveragePooling1D/2D/3D and
// AdaptiveMaxPooling1D/2D/3D (Python: keras/src/layers/pooling/
// base_adaptive_pooling.py): pools every input to a fixed spatial
// `output_size`, with windows [floor(i * L / n), ceil((i + 1) * L / n)).
// No weights.
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <vector>

#include "keras/layers/layer.h"

namespace keras::layers {

struct AdaptivePoolingOptions {
  std::string data_format = "channels_last";
  LayerOptions base = {};
};

class AdaptivePoolingLayer : public Layer {
 public:
  enum class Mode { kMax, kAverage };

  // `output_size`: one value (Python's int, used for every spatial dim) or
  // one per spatial dim.
  AdaptivePoolingLayer(int pool_dimensions, Mode mode,
                       std::vector<std::int64_t> output_size,
                       AdaptivePoolingOptions options,
                       const std::string& base_name);

  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  const std::vector<std::int64_t>& output_size() const { return output_size_; }

 protected:
  struct Parsed {
    std::vector<std::int64_t> output_size;
    AdaptivePoolingOptions options;
  };
  static Parsed parse_config(const Json& config, const std::string& class_name);

 private:
  int dims_;
  Mode mode_;
  std::vector<std::int64_t> output_size_;
  std::string data_format_;
};

}  // namespace keras::layers
