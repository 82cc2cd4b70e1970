// File: keras/utils/json_utils.h
// -----------------------------------------------------------------------------
// Python-`json`-compatible parsing and printing of keras::Json.
//
// Python counterpart: `json.loads(text)` and `json.dumps(value, indent=...)`
// with their defaults (ensure_ascii=True, allow_nan=True), which is how Keras
// writes config.json / metadata.json / to_json(). nlohmann's own parse()
// rejects the NaN / Infinity tokens Python emits, and its dump() uses other
// separators and float formatting, so configs must go through these two
// functions to be readable and byte-identical to what Keras writes.
//
//   keras::Json config = keras::parse_json(text, "config.json");
//   std::string same_bytes = keras::dump_json(config);  // == text
//   std::string pretty = keras::dump_json(config, /*indent=*/2);
//
// Parsing is an iterative (non-recursive) state machine, so hostile input
// (e.g. a list nested 10000 levels deep) is refused with a FormatError
// instead of overflowing the stack; see json_utils.cpp for the design notes.
// -----------------------------------------------------------------------------
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "keras/core/error.h"
#include "keras/core/json.h"

namespace keras {

struct JsonLimits {
  // Maximum nesting of arrays/objects. Python's json fails near 1000 too
  // (RecursionError), so no real Keras file is deeper.
  std::size_t max_depth = 1000;
  // Maximum input size in bytes.
  std::size_t max_bytes = std::size_t{64} << 20;
};

// Parses JSON text the way Python's json.loads does: accepts NaN, Infinity
// and -Infinity (as doubles), keeps object keys in document order (a repeated
// key keeps its first position and its last value), parses integers that fit
// int64/uint64 as integers and other numbers as doubles (1e400 -> Infinity).
// Strings must be valid UTF-8; \u escapes of lone surrogates are kept as
// WTF-8 bytes so that dump_json() writes them back unchanged.
//
// Throws keras::FormatError naming `what` and the byte offset, e.g.
//   "Invalid JSON in config.json at byte 123: unexpected end of input"
// ("Invalid JSON at byte 123: ..." when `what` is left at "JSON").
Json parse_json(std::string_view text, std::string_view what = "JSON",
                const JsonLimits& limits = {});

// Serialises exactly like Python's json.dumps(value) (indent < 0) or
// json.dumps(value, indent=indent) (indent >= 0): ", " / ": " separators
// (",\n" + indentation when indented), ASCII output with lowercase \uXXXX
// escapes, Python float repr ("1.0", "1e-07", "NaN", "-Infinity").
// Throws keras::ValueError for strings that are not UTF-8 (WTF-8 lone
// surrogates are accepted) and for binary values.
std::string dump_json(const Json& value, int indent = -1);

// The integer `v` holds, as T: a JSON integer within T's range, or a float
// with an integral value within it (Python writes 3.0 for some integer
// arguments); nullopt for anything else. nlohmann's get<T>() would cast an
// out-of-range float, which is undefined behaviour.
template <class T>
std::optional<T> maybe_integer_of(const Json& v) {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (std::in_range<T>(u)) return static_cast<T>(u);
  } else if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (std::in_range<T>(i)) return static_cast<T>(i);
  } else if (v.is_number_float()) {
    const double d = v.get<double>();
    const double lo = static_cast<double>(std::numeric_limits<T>::min());
    const double hi = std::ldexp(1.0, std::numeric_limits<T>::digits);
    if (d >= lo && d < hi && std::trunc(d) == d) return static_cast<T>(d);
  }
  return std::nullopt;
}

// maybe_integer_of, or a ValueError naming what was received.
template <class T>
T integer_of(const Json& v) {
  if (const std::optional<T> i = maybe_integer_of<T>(v)) return *i;
  throw ValueError(str(
      "Expected an integer", std::is_signed_v<T> ? "" : " >= 0", " that fits ",
      8 * sizeof(T), " bits. Received: ", dump_json(v).substr(0, 80)));
}

// integer_of the member `key` of `object`, or `fallback` when it has none
// (nlohmann's value(key, 0) casts a float member as get<int>() does).
template <class T>
T integer_value(const Json& object, const std::string& key, T fallback) {
  const auto it = object.find(key);
  return it == object.end() ? fallback : integer_of<T>(*it);
}

// Python's repr(float): shortest round-trip digits, fixed notation when the
// decimal exponent is in [-4, 16) ("0.0001", "100.0"), else scientific
// ("1e-05", "1e+16", "1.5e+300"); "NaN", "Infinity", "-Infinity", "-0.0".
std::string python_float_repr(double value);

}  // namespace keras
