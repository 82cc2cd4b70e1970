// File: keras/ops/internal/broadcast.h
// -----------------------------------------------------------------------------
// NumPy broadcasting for keras::ops kernels: shape inference (with -1 meaning
// an unknown dimension, for symbolic tensors) and a strided loop that visits
// K operands together, one innermost "row" at a time.
//
// All tensors are contiguous, so an operand viewed in a broadcast output shape
// is described by per-dimension element strides (0 along broadcast dims).
// for_each_row() first drops size-1 dims and merges dims that are contiguous
// for every operand, so `(64, 128) + (128,)` runs as 64 rows of 128 and
// identical shapes run as a single row.
// -----------------------------------------------------------------------------
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "keras/backend/tensor.h"

namespace keras::ops::internal {

using Strides = std::vector<std::int64_t>;

// Broadcast shape of a and b; throws ValueError "<op>: incompatible shapes
// (2, 3) and (4,)". -1 (unknown) vs 1 gives -1, -1 vs n gives n.
Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op);

// Row-major element strides of a contiguous tensor of `shape`.
Strides contiguous_strides(const Shape& shape);

// Strides of a contiguous tensor of `shape` seen through its broadcast to
// `out` (which has at least as many dims): 0 where a dim was expanded.
Strides broadcast_strides(const Shape& shape, const Shape& out);

// Calls body(offsets, n, inner_strides) for every innermost row of `shape`,
// where offsets[k] is operand k's element offset at the row start, n the row
// length and inner_strides[k] operand k's stride along the row.
template <std::size_t K, class Body>
void for_each_row(const Shape& shape, const std::array<Strides, K>& strides,
                  Body&& body) {
  // Keep the dims of size > 1, then merge neighbours contiguous in all
  // operands.
  std::vector<std::int64_t> dims;
  std::array<std::vector<std::int64_t>, K> st;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == 0) return;
    if (shape[d] == 1) continue;
    bool merge = !dims.empty();
    for (std::size_t k = 0; k < K && merge; ++k) {
      merge = st[k].back() == strides[k][d] * shape[d];
    }
    if (merge) {
      dims.back() *= shape[d];
      for (std::size_t k = 0; k < K; ++k) st[k].back() = strides[k][d];
    } else {
      dims.push_back(shape[d]);
      for (std::size_t k = 0; k < K; ++k) st[k].push_back(strides[k][d]);
    }
  }
  std::array<std::int64_t, K> offsets{};
  std::array<std::int64_t, K> inner{};
  if (dims.empty()) {
    body(offsets, std::int64_t{1}, inner);
    return;
  }
  const std::size_t last = dims.size() - 1;
  const std::int64_t n = dims[last];
  for (std::size_t k = 0; k < K; ++k) inner[k] = st[k][last];
  if (last == 0) {
    body(offsets, n, inner);
    return;
  }
  // Odometer over the outer dims, updating offsets incrementally.
  std::vector<std::int64_t> index(last, 0);
  while (true) {
    body(offsets, n, inner);
    std::size_t d = last;
    while (d > 0) {
      --d;
      ++index[d];
      for (std::size_t k = 0; k < K; ++k) offsets[k] += st[k][d];
      if (index[d] < dims[d]) break;
      for (std::size_t k = 0; k < K; ++k) offsets[k] -= st[k][d] * dims[d];
      index[d] = 0;
      if (d == 0) return;
    }
  }
}

}  // namespace keras::ops::internal
