// File: keras/layers/regularization/base_spatial_dropout.h
// -----------------------------------------------------------------------------
// The shared base of SpatialDropout1D/2D/3D (Python: keras/src/layers/
// regularization/spatial_dropout.py): while training, drops whole feature
// maps (one keep/drop draw per example and channel, shared by every spatial
// position) and scales the kept ones by 1 / (1 - rate); the identity at
// inference. No weights, no build_config. Keras writes only rate, seed,
// name and dtype (a plain string) in its config, plus data_format for 2D/3D.
// -----------------------------------------------------------------------------
#pragma once

#include <optional>
#include <string>

#include "keras/layers/layer.h"
#include "keras/layers/regularization/seed_stream.h"

namespace keras::layers {

// Python's __init__(rate, [data_format,] seed=None, name=None, dtype=None).
struct SpatialDropoutOptions {
  std::string data_format = "channels_last";  // 2D / 3D only
  std::optional<std::int64_t> seed = std::nullopt;
  LayerOptions base = {};  // only name and dtype are kept, as in Keras
};

class SpatialDropoutLayer : public Layer {
 public:
  SpatialDropoutLayer(int spatial_dims, double rate,
                      SpatialDropoutOptions options,
                      const std::string& base_name);

  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  double rate() const { return rate_; }

 protected:
  struct Parsed {
    double rate;
    SpatialDropoutOptions options;
  };
  static Parsed parse_config(const Json& config, const std::string& class_name);

 private:
  int dims_;
  double rate_;
  SpatialDropoutOptions options_;
  SeedStream seeds_;
};

}  // namespace keras::layers
