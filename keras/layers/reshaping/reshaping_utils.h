// File: keras/layers/reshaping/reshaping_utils.h
// -----------------------------------------------------------------------------
// Helpers shared by the reshaping layers: Python-style tuple rendering for
// Keras' messages, and the per-spatial-axis (before, after) arguments of the
// Cropping* / ZeroPadding* layers (Keras stores them as [a, b] in 1-D and
// [[a, b], ...] otherwise, and accepts an int or one int per axis too).
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "keras/core/json.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

// (before, after) per spatial axis.
using SpatialPairs = std::vector<std::pair<std::int64_t, std::int64_t>>;

// "(4, -1)", "(3,)": Python's repr of a tuple of ints.
std::string tuple_repr(const std::vector<std::int64_t>& values);
// "(1, 2)" for one pair when `flat`, else "((1, 0), (2, 1))".
std::string pairs_repr(const SpatialPairs& pairs, bool flat);
// [1, 2] when `flat`, else [[1, 0], [2, 1]].
Json pairs_to_json(const SpatialPairs& pairs, bool flat);

// Checks `pairs` has `n` entries of non-negative values, with Keras'
// standardize_tuple messages naming `arg` ("cropping", "padding"); in N-D
// the entries are named "1st entry of <arg>", "2nd entry of <arg>", ...
void check_pairs(const SpatialPairs& pairs, std::size_t n,
                 const std::string& arg);

// Reads an int, [a, b] (1-D), one int per axis, or [[a, b], ...].
SpatialPairs read_pairs(const saving::ConfigReader& r, const std::string& key,
                        std::size_t n, const SpatialPairs& fallback);

// The tensor axis of spatial dim i (0-based) of an input with n spatial
// dims: 1 + i for channels_last, 2 + i for channels_first.
inline std::int64_t spatial_axis(std::size_t i,
                                 const std::string& data_format) {
  return static_cast<std::int64_t>(i) +
         (data_format == "channels_first" ? 2 : 1);
}

}  // namespace keras::layers
