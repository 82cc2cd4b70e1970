// File: keras/backend/dtype.h
// -----------------------------------------------------------------------------
// Element types of tensors and variables, named as Keras names them
// ("float32", "int64", "bool", ...). bfloat16 and float16 are storage-only:
// files holding them load, and ops convert them to float32 to compute.
// "string" (tf.string) holds one std::string per element (UTF-8 bytes): the
// inputs of StringLookup/TextVectorization. Tensors of it can be created,
// copied, sliced, gathered and reshaped; arithmetic ops refuse it.
// -----------------------------------------------------------------------------
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace keras {

enum class DType : std::uint8_t {
  float32,
  float64,
  int32,
  int64,
  bool_,
  uint8,
  int8,
  bfloat16,
  float16,
  string,
};

// Keras' name of the dtype: "float32", "bool", "bfloat16", ...
std::string_view dtype_name(DType dtype);

// Parses a Keras/NumPy dtype name; throws ValueError for an unknown name.
DType parse_dtype(std::string_view name);

// Size of one element in bytes.
std::size_t dtype_size(DType dtype);

bool is_float(DType dtype);    // float32, float64, bfloat16, float16
bool is_integer(DType dtype);  // int*, uint8 (not bool)

// C++ type <-> DType.
template <class T>
constexpr DType dtype_of();
template <>
constexpr DType dtype_of<float>() {
  return DType::float32;
}
template <>
constexpr DType dtype_of<double>() {
  return DType::float64;
}
template <>
constexpr DType dtype_of<std::int32_t>() {
  return DType::int32;
}
template <>
constexpr DType dtype_of<std::int64_t>() {
  return DType::int64;
}
template <>
constexpr DType dtype_of<bool>() {
  return DType::bool_;
}
template <>
constexpr DType dtype_of<std::uint8_t>() {
  return DType::uint8;
}
template <>
constexpr DType dtype_of<std::int8_t>() {
  return DType::int8;
}
template <>
constexpr DType dtype_of<std::string>() {
  return DType::string;
}

// bfloat16 <-> float32 (round to nearest even, as ml_dtypes does).
float bfloat16_to_float(std::uint16_t bits);
std::uint16_t float_to_bfloat16(float value);
// IEEE half <-> float32.
float float16_to_float(std::uint16_t bits);
std::uint16_t float_to_float16(float value);

// Calls f(T{}) with T the C++ type of a computable dtype (float32, float64,
// int32, int64, bool, uint8, int8); throws NotImplementedError otherwise.
template <class F>
decltype(auto) dispatch_dtype(DType dtype, F&& f);

}  // namespace keras

#include "keras/backend/internal/dtype_dispatch.h"
