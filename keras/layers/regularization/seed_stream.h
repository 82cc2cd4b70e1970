// File: keras/layers/regularization/seed_stream.h
// -----------------------------------------------------------------------------
// The seeds a noise layer draws from, one per training call (the role of
// Keras' SeedGenerator): with a seed the sequence is reproducible but each
// call gets different noise; without one every call draws from the global
// generator (keras::utils::set_random_seed makes that reproducible too).
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>

#include "keras/random/random.h"

namespace keras::layers {

class SeedStream {
 public:
  explicit SeedStream(std::optional<std::int64_t> seed) : seed_(seed) {}
  random::Seed next() {
    if (!seed_) return std::nullopt;
    // A large odd step keeps the per-call seeds far apart.
    return std::int64_t(std::uint64_t(*seed_) +
                        0x9E3779B97F4A7C15ull * std::uint64_t(calls_++));
  }

 private:
  std::optional<std::int64_t> seed_;
  std::int64_t calls_ = 0;
};

}  // namespace keras::layers
