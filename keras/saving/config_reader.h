// File: keras/saving/config_reader.h
// -----------------------------------------------------------------------------
// Typed, checked access to an object's config dict, with messages that name
// the class and the key (Keras' "Received: units=..." wording):
//
//   ConfigReader r(config, "Dense");
//   auto units = r.required<std::int64_t>("units");
//   bool use_bias = r.get("use_bias", true);
//
// A value of the wrong JSON type throws keras::TypeError, a missing required
// key keras::ValueError.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "keras/core/error.h"
#include "keras/core/json.h"
#include "keras/utils/json_utils.h"

namespace keras::saving {

// nlohmann dump() that never throws (invalid UTF-8 is replaced), for
// messages.
std::string safe_dump(const Json& value);

// The number held by a one-element `__tensor__`/`__numpy__` record (Keras'
// serialization of arrays in configs), or nullopt for anything else.
std::optional<double> single_number_of_array_record(const Json& v);

class ConfigReader {
 public:
  ConfigReader(const Json& config, std::string class_name);

  bool has(const std::string& key) const;
  // The raw value, or null when absent.
  const Json& raw(const std::string& key) const;

  template <class T>
  T required(const std::string& key) const {
    if (!has(key) || raw(key).is_null()) {
      throw ValueError(str(class_name_, ": the config has no value for `", key,
                           "`. Config: ", short_config()));
    }
    return convert<T>(key, raw(key));
  }

  template <class T>
  T get(const std::string& key, T fallback) const {
    if (!has(key) || raw(key).is_null()) return fallback;
    return convert<T>(key, raw(key));
  }

  template <class T>
  std::optional<T> optional(const std::string& key) const {
    if (!has(key) || raw(key).is_null()) return std::nullopt;
    return convert<T>(key, raw(key));
  }

  const std::string& class_name() const { return class_name_; }

 private:
  template <class T>
  T convert(const std::string& key, const Json& v) const;
  [[noreturn]] void type_error(const std::string& key, const char* expected,
                               const Json& v) const;
  std::string short_config() const;

  const Json& config_;
  std::string class_name_;
};

template <class T>
T ConfigReader::convert(const std::string& key, const Json& v) const {
  if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_boolean()) type_error(key, "a boolean", v);
    return v.get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    // Python writes 3.0 for some integer arguments: integral floats count.
    if (const std::optional<T> i = maybe_integer_of<T>(v)) return *i;
    type_error(key, "an integer", v);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (v.is_number()) return v.get<T>();
    // Some Keras versions store numeric arguments as one-element array
    // records ({"class_name": "__tensor__" or "__numpy__", ...}).
    if (auto scalar = single_number_of_array_record(v)) return T(*scalar);
    type_error(key, "a number", v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_string()) type_error(key, "a string", v);
    return v.get<std::string>();
  } else if constexpr (std::is_same_v<T, Json>) {
    return v;
  } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
    if (!v.is_array()) type_error(key, "a list of integers", v);
    std::vector<std::int64_t> out;
    for (const Json& e : v) {
      if (e.is_null()) {
        out.push_back(-1);
      } else if (e.is_number_integer()) {
        out.push_back(integer_of<std::int64_t>(e));
      } else {
        type_error(key, "a list of integers", v);
      }
    }
    return out;
  } else {
    static_assert(sizeof(T) == 0, "unsupported config value type");
  }
}

}  // namespace keras::saving
