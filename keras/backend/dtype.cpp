#include "keras/backend/dtype.h"

#include <bit>
#include <cmath>
#include <cstring>

#include "keras/core/error.h"

namespace keras {

std::string_view dtype_name(DType dtype) {
  switch (dtype) {
    case DType::float32:
      return "float32";
    case DType::float64:
      return "float64";
    case DType::int32:
      return "int32";
    case DType::int64:
      return "int64";
    case DType::bool_:
      return "bool";
    case DType::uint8:
      return "uint8";
    case DType::int8:
      return "int8";
    case DType::bfloat16:
      return "bfloat16";
    case DType::float16:
      return "float16";
    case DType::string:
      return "string";
  }
  return "unknown";
}

DType parse_dtype(std::string_view name) {
  for (DType d : {DType::float32, DType::float64, DType::int32, DType::int64,
                  DType::bool_, DType::uint8, DType::int8, DType::bfloat16,
                  DType::float16, DType::string}) {
    if (dtype_name(d) == name) return d;
  }
  if (name == "float" || name == "floatx") return DType::float32;
  if (name == "double") return DType::float64;
  if (name == "int") return DType::int32;
  throw ValueError(str("Invalid dtype: ", name,
                       ". Expected one of float32, float64, int32, int64, "
                       "bool, uint8, int8, bfloat16, float16, string."));
}

std::size_t dtype_size(DType dtype) {
  switch (dtype) {
    case DType::float32:
      return 4;
    case DType::float64:
      return 8;
    case DType::int32:
      return 4;
    case DType::int64:
      return 8;
    case DType::bool_:
      return 1;
    case DType::uint8:
      return 1;
    case DType::int8:
      return 1;
    case DType::bfloat16:
      return 2;
    case DType::float16:
      return 2;
    case DType::string:
      return sizeof(std::string);
  }
  return 0;
}

bool is_float(DType d) {
  return d == DType::float32 || d == DType::float64 || d == DType::bfloat16 ||
         d == DType::float16;
}

bool is_integer(DType d) {
  return d == DType::int32 || d == DType::int64 || d == DType::uint8 ||
         d == DType::int8;
}

float bfloat16_to_float(std::uint16_t bits) {
  return std::bit_cast<float>(static_cast<std::uint32_t>(bits) << 16);
}

std::uint16_t float_to_bfloat16(float value) {
  std::uint32_t u = std::bit_cast<std::uint32_t>(value);
  if (std::isnan(value)) return static_cast<std::uint16_t>((u >> 16) | 0x40);
  u += 0x7FFF + ((u >> 16) & 1);  // round to nearest even
  return static_cast<std::uint16_t>(u >> 16);
}

float float16_to_float(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000) << 16;
  const std::uint32_t exp = (h >> 10) & 0x1F;
  std::uint32_t mant = h & 0x3FF;
  if (exp == 0) {
    if (mant == 0) return std::bit_cast<float>(sign);
    // Subnormal half: value = mant * 2^-24.
    float v = std::ldexp(static_cast<float>(mant), -24);
    return sign ? -v : v;
  }
  if (exp == 31) return std::bit_cast<float>(sign | 0x7F800000 | (mant << 13));
  return std::bit_cast<float>(sign | ((exp + 112) << 23) | (mant << 13));
}

std::uint16_t float_to_float16(float value) {
  const std::uint32_t u = std::bit_cast<std::uint32_t>(value);
  const std::uint16_t sign = static_cast<std::uint16_t>((u >> 16) & 0x8000);
  if (std::isnan(value)) return sign | 0x7E00;
  const float a = std::fabs(value);
  if (a >= 65520.0f) return sign | 0x7C00;  // rounds to infinity
  if (a < 6.103515625e-05f) {               // subnormal half
    return sign | static_cast<std::uint16_t>(std::nearbyint(a * 16777216.0f));
  }
  std::uint32_t m = std::bit_cast<std::uint32_t>(a);
  m += 0x0FFF + ((m >> 13) & 1);  // round mantissa to 10 bits, nearest even
  return sign | static_cast<std::uint16_t>(((m >> 23) - 112) << 10 |
                                           ((m >> 13) & 0x3FF));
}

}  // namespace keras
