// File: keras/ops/pooling.h
// -----------------------------------------------------------------------------
// keras::ops pooling (Python: keras.ops.max_pool / average_pool /
// adaptive_max_pool / adaptive_average_pool in keras/src/ops/nn.py).
// Inputs have rank 3, 4 or 5 (batch, 1 to 3 spatial dims, channels; channels
// second with data_format "channels_first"). Symbolic-aware (unknown spatial
// dims give unknown output dims) and differentiable: max pooling sends the
// gradient to the first maximal element of each window, average pooling
// spreads it evenly over the window.
//
//   Tensor y = ops::max_pool(x, {2, 2});                   // strides = pool
//   Tensor z = ops::average_pool(x, {3}, {1}, "same");     // 3 as (3, 3)
//   Tensor a = ops::adaptive_average_pool(x, {4, 4});
//
// `pool_size`, `strides` and `output_size` take one value per spatial dim, or
// a single value used for every spatial dim (Python's int argument).
// "same" padding pads as TensorFlow/JAX do (the extra pixel at the end) and
// average pooling divides by the number of real (non-padding) elements.
// Keras' torch backend matches this when the padding is symmetric; with
// asymmetric padding it replicates edge values into the average instead.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"

namespace keras::ops {

// Empty `strides` means strides = pool_size. `padding`: "valid" or "same".
Tensor max_pool(const Tensor& x, const std::vector<std::int64_t>& pool_size,
                const std::vector<std::int64_t>& strides = {},
                const std::string& padding = "valid",
                const std::string& data_format = "channels_last");
Tensor average_pool(const Tensor& x, const std::vector<std::int64_t>& pool_size,
                    const std::vector<std::int64_t>& strides = {},
                    const std::string& padding = "valid",
                    const std::string& data_format = "channels_last");

// Output spatial size fixed to `output_size`; window i of a dim of length L
// covers [floor(i * L / n), ceil((i + 1) * L / n)) (PyTorch's rule).
Tensor adaptive_max_pool(const Tensor& x,
                         const std::vector<std::int64_t>& output_size,
                         const std::string& data_format = "channels_last");
Tensor adaptive_average_pool(const Tensor& x,
                             const std::vector<std::int64_t>& output_size,
                             const std::string& data_format = "channels_last");

// Spatial output length of a pooling window over `length` elements (-1 if
// `length` is unknown), as Keras' compute_pooling_output_shape.
std::int64_t pooled_length(std::int64_t length, std::int64_t pool_size,
                           std::int64_t stride, const std::string& padding);

}  // namespace keras::ops
