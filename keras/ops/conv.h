// File: keras/ops/conv.h
// -----------------------------------------------------------------------------
// keras::ops convolutions (Python: keras.ops.conv / conv_transpose /
// depthwise_conv / separable_conv in keras/src/ops/nn.py). Inputs have rank
// 3, 4 or 5 (batch, 1 to 3 spatial dims, channels; channels second with
// data_format "channels_first"). Kernels use Keras' layouts:
//
//   conv            (*kernel_size, in_channels / groups, out_channels)
//   conv_transpose  (*kernel_size, out_channels, in_channels)
//   depthwise_conv  (*kernel_size, in_channels, depth_multiplier)
//   separable_conv  depthwise as above, pointwise (1, .., 1, in * mult, out)
//
// Groups are implied, as in Keras: groups = in_channels / kernel.shape[-2].
// `strides` and `dilation_rate` take one value per spatial dim, or a single
// value used for every spatial dim (Python's int). Padding: "valid", "same"
// (TensorFlow's arithmetic: pad_total = max((ceil(in / s) - 1) * s +
// (k - 1) * d + 1 - in, 0), pad_before = pad_total / 2) or "causal" (all
// padding before; Keras' Conv1D padding="causal"). Symbolic-aware and
// differentiable with respect to the input and the kernel(s).
//
//   Tensor y = ops::conv(x, kernel, {2}, "same");                // strides 2
//   Tensor z = ops::conv_transpose(y, kernel_t, {2}, "same");
//
// Implementation: im2col + one GEMM per group and batch chunk (OpenBLAS),
// col2im for the input gradient; see conv.cpp.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"

namespace keras::ops {

Tensor conv(const Tensor& x, const Tensor& kernel,
            const std::vector<std::int64_t>& strides = {1},
            const std::string& padding = "valid",
            const std::string& data_format = "channels_last",
            const std::vector<std::int64_t>& dilation_rate = {1});

// conv(...) plus `bias` (1-D, one value per output channel) along the
// channel axis, as the Conv layers add theirs: same values and gradients as
// add(conv(...), bias), but for float32 channels-last inputs on CPUs with
// the direct kernels the bias is added while the convolution writes each
// output (no second pass over the result).
Tensor conv_with_bias(const Tensor& x, const Tensor& kernel, const Tensor& bias,
                      const std::vector<std::int64_t>& strides = {1},
                      const std::string& padding = "valid",
                      const std::string& data_format = "channels_last",
                      const std::vector<std::int64_t>& dilation_rate = {1});

// Empty `output_padding` is Python's None (Keras' default output length:
// (in - 1) * s + max(k, s) for "valid", in * s for "same").
Tensor conv_transpose(const Tensor& x, const Tensor& kernel,
                      const std::vector<std::int64_t>& strides = {1},
                      const std::string& padding = "valid",
                      const std::vector<std::int64_t>& output_padding = {},
                      const std::string& data_format = "channels_last",
                      const std::vector<std::int64_t>& dilation_rate = {1});

Tensor depthwise_conv(const Tensor& x, const Tensor& kernel,
                      const std::vector<std::int64_t>& strides = {1},
                      const std::string& padding = "valid",
                      const std::string& data_format = "channels_last",
                      const std::vector<std::int64_t>& dilation_rate = {1});

Tensor separable_conv(const Tensor& x, const Tensor& depthwise_kernel,
                      const Tensor& pointwise_kernel,
                      const std::vector<std::int64_t>& strides = {1},
                      const std::string& padding = "valid",
                      const std::string& data_format = "channels_last",
                      const std::vector<std::int64_t>& dilation_rate = {1});

// Spatial output length of a convolution over `length` elements (-1 when
// `length` is unknown), as Keras' compute_conv_output_shape.
std::int64_t conv_output_length(std::int64_t length, std::int64_t kernel_size,
                                std::int64_t stride, const std::string& padding,
                                std::int64_t dilation = 1);

// Spatial output length of a transposed convolution (-1 when unknown);
// output_padding < 0 stands for None. As Keras'
// compute_conv_transpose_output_shape.
std::int64_t conv_transpose_output_length(std::int64_t length,
                                          std::int64_t kernel_size,
                                          std::int64_t stride,
                                          const std::string& padding,
                                          std::int64_t output_padding = -1,
                                          std::int64_t dilation = 1);

}  // namespace keras::ops
