// File: keras/utils/fingerprint.h
// -----------------------------------------------------------------------------
// TensorFlow's Fingerprint64 (FarmHash's farmhashna::Hash64, by Geoff Pike,
// MIT licence), the hash behind tf.strings.to_hash_bucket_fast: Keras' lookup
// layers use it to spread out-of-vocabulary terms over num_oov_indices > 1
// buckets (strings always; integers, as their decimal text, with
// oov_method="farmhash"). Bit-exact with TensorFlow on little-endian hosts.
//
//   std::uint64_t bucket = keras::fingerprint64("m") % 2;  // 0, as in TF
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string_view>

namespace keras {

std::uint64_t fingerprint64(std::string_view bytes);

}  // namespace keras
