// File: keras/ops/image.h
// -----------------------------------------------------------------------------
// Image ops (Python: keras/src/ops/image.py). `resize` follows Keras' torch
// backend, whose numbers the fixtures hold: half-pixel centers
// (align_corners=False), "nearest" as PyTorch's nearest-exact, bicubic with
// a = -0.75, and PyTorch's antialiasing filters when `antialias` is set.
//
// Resizing is separable, so it is two matrix products with constant
// interpolation matrices: out = Wh · image · Wwᵀ per channel. That makes it
// differentiable for free and runs on sgemm.
//
//   Tensor y = keras::ops::resize(images, 224, 224, {.interpolation =
//   "nearest"});
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"

namespace keras::ops {

struct ResizeOptions {
  std::string interpolation = "bilinear";  // "nearest", "bilinear", "bicubic"
  bool antialias = false;
  bool crop_to_aspect_ratio = false;  // center crop to the target's aspect
  bool pad_to_aspect_ratio = false;   // center pad with fill_value instead
  double fill_value = 0.0;
  std::string data_format = "channels_last";
};

// Resizes [batch, h, w, c] or [h, w, c] images (channels_first: channels
// before h, w) to height x width. Spatial dims must be known.
Tensor resize(const Tensor& images, std::int64_t height, std::int64_t width,
              const ResizeOptions& options = {});

// The [out, in] matrix whose row i holds the weights of input pixels in
// output pixel i along one axis.
std::vector<double> resize_weights(std::int64_t in, std::int64_t out,
                                   const std::string& interpolation,
                                   bool antialias);

}  // namespace keras::ops
