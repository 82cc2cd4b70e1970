#include "keras/utils/fingerprint.h"

#include <cstring>
#include <utility>

namespace keras {

namespace {

using u64 = std::uint64_t;

// FarmHash's primes.
constexpr u64 kP0 = 0xc3a5c85c97cb3127ULL;
constexpr u64 kP1 = 0xb492b66fbe98f273ULL;
constexpr u64 kP2 = 0x9ae16a3b2f90404fULL;

u64 load64(const char* p) {
  u64 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

u64 load32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

u64 rotr(u64 v, int s) { return s == 0 ? v : (v >> s) | (v << (64 - s)); }
u64 shift_mix(u64 v) { return v ^ (v >> 47); }

// Murmur-style mix of two words.
u64 mix2(u64 u, u64 v, u64 mul) {
  u64 a = shift_mix((u ^ v) * mul);
  u64 b = shift_mix((v ^ a) * mul);
  return b * mul;
}

u64 hash_short(const char* s, std::size_t n) {  // n <= 16
  const u64 mul = kP2 + n * 2;
  if (n >= 8) {
    const u64 a = load64(s) + kP2;
    const u64 b = load64(s + n - 8);
    return mix2(rotr(b, 37) * mul + a, (rotr(a, 25) + b) * mul, mul);
  }
  if (n >= 4) return mix2(n + (load32(s) << 3), load32(s + n - 4), mul);
  if (n == 0) return kP2;
  const auto first = static_cast<std::uint8_t>(s[0]);
  const auto middle = static_cast<std::uint8_t>(s[n >> 1]);
  const auto last = static_cast<std::uint8_t>(s[n - 1]);
  const std::uint32_t y = first + (std::uint32_t{middle} << 8);
  const std::uint32_t z =
      static_cast<std::uint32_t>(n) + (std::uint32_t{last} << 2);
  return shift_mix(y * kP2 ^ z * kP0) * kP2;
}

u64 hash_medium(const char* s, std::size_t n) {  // 17..32
  const u64 mul = kP2 + n * 2;
  const u64 a = load64(s) * kP1;
  const u64 b = load64(s + 8);
  const u64 c = load64(s + n - 8) * mul;
  const u64 d = load64(s + n - 16) * kP2;
  return mix2(rotr(a + b, 43) + rotr(c, 30) + d, a + rotr(b + kP2, 18) + c,
              mul);
}

u64 hash_long(const char* s, std::size_t n) {  // 33..64
  const u64 mul = kP2 + n * 2;
  const u64 a = load64(s) * kP2;
  const u64 b = load64(s + 8);
  const u64 c = load64(s + n - 8) * mul;
  const u64 d = load64(s + n - 16) * kP2;
  const u64 y = rotr(a + b, 43) + rotr(c, 30) + d;
  const u64 z = mix2(y, a + rotr(b + kP2, 18) + c, mul);
  const u64 e = load64(s + 16) * mul;
  const u64 f = load64(s + 24);
  const u64 g = (y + load64(s + n - 32)) * mul;
  const u64 h = (z + load64(s + n - 24)) * mul;
  return mix2(rotr(e + f, 43) + rotr(g, 30) + h, e + rotr(f + a, 18) + g, mul);
}

// 16 bytes of state from 32 input bytes and two seeds.
std::pair<u64, u64> weak32(const char* s, u64 a, u64 b) {
  const u64 w = load64(s), x = load64(s + 8), y = load64(s + 16),
            z = load64(s + 24);
  a += w;
  b = rotr(b + a + z, 21);
  const u64 c = a;
  a += x + y;
  b += rotr(a, 44);
  return {a + z, b + c};
}

}  // namespace

std::uint64_t fingerprint64(std::string_view bytes) {
  const char* s = bytes.data();
  const std::size_t n = bytes.size();
  if (n <= 16) return hash_short(s, n);
  if (n <= 32) return hash_medium(s, n);
  if (n <= 64) return hash_long(s, n);

  // 64-byte blocks; the last (possibly overlapping) block is mixed with a
  // multiplier drawn from the state.
  constexpr u64 kSeed = 81;
  u64 x = kSeed * kP2 + load64(s);
  u64 y = kSeed * kP1 + 113;
  u64 z = shift_mix(y * kP2 + 113) * kP2;
  std::pair<u64, u64> v{0, 0}, w{0, 0};
  const char* end = s + ((n - 1) / 64) * 64;
  const char* last = s + n - 64;
  const auto round = [&](const char* p, u64 mul, bool final) {
    x = rotr(x + y + v.first + load64(p + 8), 37) * mul;
    y = rotr(y + v.second + load64(p + 48), 42) * mul;
    x ^= final ? w.second * 9 : w.second;
    y += (final ? v.first * 9 : v.first) + load64(p + 40);
    z = rotr(z + w.first, 33) * mul;
    v = weak32(p, v.second * mul, x + w.first);
    w = weak32(p + 32, z + w.second, y + load64(p + 16));
    std::swap(z, x);
  };
  for (; s != end; s += 64) round(s, kP1, false);
  const u64 mul = kP1 + ((z & 0xff) << 1);
  w.first += (n - 1) & 63;
  v.first += w.first;
  w.first += v.first;
  round(last, mul, true);
  return mix2(mix2(v.first, w.first, mul) + shift_mix(y) * kP0 + z,
              mix2(v.second, w.second, mul) + x, mul);
}

}  // namespace keras
