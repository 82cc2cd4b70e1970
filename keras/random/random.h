// File: keras/random/random.h
// -----------------------------------------------------------------------------
// Random tensors (Python: keras/src/random/random.py). A call with a seed is
// reproducible; a call without one draws a fresh seed from the global
// generator, which keras::utils::set_random_seed() resets. The streams are
// keras.cpp's own (std::mt19937_64): Keras' numbers depend on its backend's
// generator and cannot be reproduced, only their distributions.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>

#include "keras/backend/tensor.h"

namespace keras::random {

using Seed = std::optional<std::int64_t>;

Tensor normal(const Shape& shape, double mean = 0.0, double stddev = 1.0,
              Seed seed = std::nullopt, DType dtype = DType::float32);
Tensor uniform(const Shape& shape, double minval = 0.0, double maxval = 1.0,
               Seed seed = std::nullopt, DType dtype = DType::float32);
// Normal values redrawn until within two standard deviations of the mean.
Tensor truncated_normal(const Shape& shape, double mean = 0.0,
                        double stddev = 1.0, Seed seed = std::nullopt,
                        DType dtype = DType::float32);
// Keeps each element with probability 1 - rate, scaled by 1 / (1 - rate).
Tensor dropout_mask(const Shape& shape, double rate, Seed seed = std::nullopt);

// A fresh seed from the global generator.
std::uint64_t next_seed();
// Resets the global generator (keras.utils.set_random_seed).
void set_global_seed(std::uint64_t seed);

}  // namespace keras::random
