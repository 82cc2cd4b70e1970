#include "keras/utils/fingerprint.h"

#include <gtest/gtest.h>

#include <string>

namespace keras {
namespace {

// Buckets TensorFlow's to_hash_bucket_fast gives, as quoted in Keras 3.15's
// IntegerLookup / StringLookup docstrings.
TEST(FingerprintTest, MatchesTensorFlowBuckets) {
  EXPECT_EQ(fingerprint64("m") % 2, 0u);
  EXPECT_EQ(fingerprint64("z") % 2, 1u);
  const char* ints[] = {"100", "300", "700", "1100", "1700", "2000"};
  const unsigned buckets[] = {3, 3, 2, 2, 0, 1};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(fingerprint64(ints[i]) % 4, buckets[i]) << ints[i];
  }
}

TEST(FingerprintTest, EveryLengthClassIsDeterministicAndDistinct) {
  // 0, short, 4..7, 8..16, 17..32, 33..64 and the 64-byte block loop.
  std::string text;
  for (int i = 0; i < 200; ++i) text += static_cast<char>('a' + i % 26);
  std::uint64_t previous = 0;
  for (std::size_t n : {0u, 1u, 3u, 5u, 12u, 20u, 40u, 64u, 65u, 130u, 200u}) {
    const std::uint64_t h = fingerprint64(std::string_view(text).substr(0, n));
    EXPECT_EQ(h, fingerprint64(std::string(text, 0, n))) << n;
    EXPECT_NE(h, previous) << n;
    previous = h;
  }
}

}  // namespace
}  // namespace keras
