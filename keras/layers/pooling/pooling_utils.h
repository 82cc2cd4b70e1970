// File: keras/layers/pooling/pooling_utils.h
// -----------------------------------------------------------------------------
// Argument handling shared by the pooling layers (and the spatial dropout
// layers): Keras' standardize_tuple / standardize_data_format, InputSpec's
// rank check, and tuple arguments read from configs (an int or a list).
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "keras/layers/layer.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

// One value (Python's int) repeated n times, or exactly n values; every
// value > 0 (>= 0 with allow_zero). Keras' messages otherwise.
std::vector<std::int64_t> standardize_tuple(
    const std::vector<std::int64_t>& value, int n, const std::string& name,
    bool allow_zero = false);

// Lower-cased "channels_last" / "channels_first" ("" = channels_last).
std::string standardize_data_format(const std::string& data_format);

// Keras' InputSpec(ndim=n) check, with its message.
void check_input_rank(const Layer& layer, const Tensor& x, int ndim);

// An int or a list of ints under `key` (as a list), or `fallback`.
std::vector<std::int64_t> read_tuple(const saving::ConfigReader& r,
                                     const std::string& key,
                                     std::vector<std::int64_t> fallback);

}  // namespace keras::layers
