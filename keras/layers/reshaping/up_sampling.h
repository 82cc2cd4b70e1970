// File: keras/layers/reshaping/up_sampling.h
// -----------------------------------------------------------------------------
// The shared implementation of UpSampling1D/2D/3D (Python: keras/src/layers/
// reshaping/up_sampling{1,2,3}d.py): repeats every entry of spatial axis i
// size[i] times ("nearest"). UpSampling2D can also interpolate bilinearly
// (half-pixel centers, as Keras' image.resize without antialiasing).
// Subclasses name the class and read their config.
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <vector>

#include "keras/layers/layer.h"

namespace keras::layers {

class UpSamplingLayer : public Layer {
 public:
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;

  const std::vector<std::int64_t>& size() const { return size_; }
  const std::string& data_format() const { return data_format_; }
  const std::string& interpolation() const { return interpolation_; }

 protected:
  // `size` has one factor per spatial axis (> 0); data_format "" =
  // channels_last; interpolation "nearest" or "bilinear" (2-D only).
  UpSamplingLayer(std::vector<std::int64_t> size, std::string data_format,
                  std::string interpolation, LayerOptions base,
                  const std::string& base_name);

 private:
  std::vector<std::int64_t> size_;
  std::string data_format_;
  std::string interpolation_;
};

// Linear interpolation of `axis` to `out_size` entries with half-pixel
// centers (source = (i + 0.5) * in / out - 0.5, clamped at 0, as torch's
// interpolate(align_corners=False)); differentiable (a matmul).
Tensor resize_linear_axis(const Tensor& x, std::int64_t axis,
                          std::int64_t out_size);

}  // namespace keras::layers
