#include "keras/ops/image.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "keras/core/error.h"
#include "keras/ops/array_ops.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

namespace {

// Keys' cubic convolution kernel with parameter a (PyTorch: a = -0.75 for
// plain bicubic, -0.5 inside its antialiasing filter).
double cubic(double x, double a) {
  x = std::fabs(x);
  if (x <= 1.0) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2.0) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0.0;
}

double triangle(double x) { return std::max(0.0, 1.0 - std::fabs(x)); }

// PyTorch's antialiased interpolation (_upsample_*_aa): the filter is
// stretched by the downscale factor and each row is normalized.
void antialiased_weights(std::int64_t in, std::int64_t out, double support,
                         const std::function<double(double)>& filter,
                         std::vector<double>& w) {
  const double scale = double(in) / double(out);
  const double width = scale >= 1.0 ? support * scale : support;
  const double invscale = scale >= 1.0 ? 1.0 / scale : 1.0;
  for (std::int64_t i = 0; i < out; ++i) {
    const double center = scale * (i + 0.5);
    const std::int64_t lo =
        std::max<std::int64_t>(std::int64_t(center - width + 0.5), 0);
    const std::int64_t hi =
        std::min<std::int64_t>(std::int64_t(center + width + 0.5), in);
    double total = 0;
    for (std::int64_t j = lo; j < hi; ++j) {
      total += w[i * in + j] = filter((j - center + 0.5) * invscale);
    }
    if (total != 0) {
      for (std::int64_t j = lo; j < hi; ++j) w[i * in + j] /= total;
    }
  }
}

}  // namespace

std::vector<double> resize_weights(std::int64_t in, std::int64_t out,
                                   const std::string& interpolation,
                                   bool antialias) {
  // An empty axis has no pixel to sample from or to.
  if (in <= 0 || out <= 0) {
    throw ValueError(str("Cannot resize an axis of ", in, " pixels to ", out,
                         ": both sizes must be positive."));
  }
  std::vector<double> w(static_cast<std::size_t>(in * out), 0.0);
  const double scale = double(in) / double(out);
  if (interpolation == "nearest") {
    for (std::int64_t i = 0; i < out; ++i) {
      const auto j = std::min<std::int64_t>(
          static_cast<std::int64_t>(std::floor((i + 0.5) * scale)), in - 1);
      w[i * in + j] = 1.0;
    }
  } else if (antialias && interpolation == "bilinear") {
    antialiased_weights(in, out, 1.0, triangle, w);
  } else if (antialias && interpolation == "bicubic") {
    antialiased_weights(
        in, out, 2.0, [](double x) { return cubic(x, -0.5); }, w);
  } else if (interpolation == "bilinear") {
    for (std::int64_t i = 0; i < out; ++i) {
      const double src = std::max(0.0, (i + 0.5) * scale - 0.5);
      const auto j0 = std::min<std::int64_t>(std::int64_t(src), in - 1);
      const auto j1 = std::min<std::int64_t>(j0 + 1, in - 1);
      const double t = src - j0;
      w[i * in + j0] += 1.0 - t;
      w[i * in + j1] += t;
    }
  } else if (interpolation == "bicubic") {
    for (std::int64_t i = 0; i < out; ++i) {
      const double src = (i + 0.5) * scale - 0.5;
      const auto j0 = static_cast<std::int64_t>(std::floor(src));
      const double t = src - j0;
      for (std::int64_t k = -1; k <= 2; ++k) {
        const auto j = std::clamp<std::int64_t>(j0 + k, 0, in - 1);
        w[i * in + j] += cubic(t - k, -0.75);
      }
    }
  } else {
    throw ValueError(
        str("Invalid value for argument `interpolation`. Expected one of "
            "{'bilinear', 'nearest', 'bicubic'}. Received: interpolation=",
            interpolation));
  }
  return w;
}

Tensor resize(const Tensor& images, std::int64_t height, std::int64_t width,
              const ResizeOptions& o) {
  if (o.crop_to_aspect_ratio && o.pad_to_aspect_ratio) {
    throw ValueError(
        "Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be "
        "`True`.");
  }
  if (height <= 0 || width <= 0) {
    throw ValueError(
        str("Argument `size` must be two positive integers "
            "(height, width). Received: size=(",
            height, ", ", width, ")"));
  }
  const std::int64_t rank = images.ndim();
  if (rank != 3 && rank != 4) {
    throw ValueError(
        str("Invalid images rank: expected rank 3 (single image) or rank 4 "
            "(batch of images). Received input with shape: images.shape=",
            shape_str(images.shape())));
  }
  // Work on [batch, channels, h, w].
  Tensor x = rank == 3 ? expand_dims(images, 0) : images;
  const bool last = o.data_format == "channels_last";
  if (last) x = transpose(x, {0, 3, 1, 2});
  std::int64_t h = x.shape()[2], w = x.shape()[3];
  if (h <= 0 || w <= 0) {
    throw ValueError(
        str("Resizing needs images with a static, non-empty spatial shape. "
            "Received: images.shape=",
            shape_str(images.shape())));
  }
  if (o.crop_to_aspect_ratio) {
    const auto crop_h = std::max<std::int64_t>(
        std::min<std::int64_t>(h, std::int64_t(double(w * height) / width)), 1);
    const auto crop_w = std::max<std::int64_t>(
        std::min<std::int64_t>(w, std::int64_t(double(h * width) / height)), 1);
    x = slice_axis(x, 2, (h - crop_h) / 2, (h - crop_h) / 2 + crop_h);
    x = slice_axis(x, 3, (w - crop_w) / 2, (w - crop_w) / 2 + crop_w);
    h = crop_h, w = crop_w;
  } else if (o.pad_to_aspect_ratio) {
    const auto pad_h =
        std::max<std::int64_t>(h, std::int64_t(double(w * height) / width));
    const auto pad_w =
        std::max<std::int64_t>(w, std::int64_t(double(h * width) / height));
    const std::int64_t top = (pad_h - h) / 2, left = (pad_w - w) / 2;
    x = pad(x, {{0, 0}, {0, 0}, {top, top}, {left, left}}, o.fill_value);
    h += 2 * top, w += 2 * left;
  }
  const auto matrix = [&](std::int64_t in, std::int64_t out) {
    return Tensor::from_vector<double>(
               resize_weights(in, out, o.interpolation, o.antialias), {out, in})
        .astype(x.dtype());
  };
  Tensor y =
      matmul(matmul(matrix(h, height), x), transpose(matrix(w, width), {1, 0}));
  if (last) y = transpose(y, {0, 2, 3, 1});
  return rank == 3 ? squeeze(y, {0}) : y;
}

}  // namespace keras::ops
