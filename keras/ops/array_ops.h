// File: keras/ops/array_ops.h
// -----------------------------------------------------------------------------
// keras::ops pad and repeat (Python: keras.ops.pad, keras.ops.repeat in
// keras/src/ops/numpy.py), used by the reshaping layers (ZeroPadding*,
// UpSampling*, RepeatVector). Both are compositions of differentiable
// numpy.h ops, so gradients come for free; on symbolic inputs they only infer
// the result's shape (unknown dimensions stay unknown).
//
//   ops::pad(x, {{0, 0}, {1, 2}, {0, 0}});   // (2, 5, 4) -> (2, 8, 4)
//   ops::repeat(x, 2, 1);                     // (2, 5, 4) -> (2, 10, 4)
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "keras/backend/tensor.h"

namespace keras::ops {

using PadWidth = std::vector<std::pair<std::int64_t, std::int64_t>>;

// Pads each axis i with pad_width[i].first values before and .second after
// (mode "constant"). pad_width has one entry per axis, or a single entry
// applied to every axis (NumPy's broadcasting of pad_width).
Tensor pad(const Tensor& x, const PadWidth& pad_width,
           double constant_value = 0.0);

// Repeats each element `repeats` times along `axis` (NumPy repeat:
// [a, b] -> [a, a, b, b]); without an axis, x is flattened first.
Tensor repeat(const Tensor& x, std::int64_t repeats,
              std::optional<std::int64_t> axis = std::nullopt);

}  // namespace keras::ops
