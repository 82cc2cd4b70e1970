// File: examples/guide/python_repr.h
// -----------------------------------------------------------------------------
// Prints JSON values the way Python prints the guide's dicts (print(config)):
// {'name': 'dense', 'trainable': True, 'seed': None, 'l1': 0.005}.
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/core/json.h"

namespace guide {

inline std::string python_repr(const keras::Json& v) {
  if (v.is_null()) return "None";
  if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    // Python quotes with ' unless the text contains ' and no ".
    const bool dq =
        s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    std::string out(1, dq ? '"' : '\'');
    for (char c : s) {
      if (c == '\\' || (!dq && c == '\'')) out += '\\';
      out += c;
    }
    return out + (dq ? '"' : '\'');
  }
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
      out += (i ? ", " : "") + python_repr(v[i]);
    }
    return out + "]";
  }
  if (v.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : v.items()) {
      out += (first ? "'" : ", '") + key + "': " + python_repr(value);
      first = false;
    }
    return out + "}";
  }
  return v.dump();  // numbers: shortest round-trip form, as Python's repr
}

}  // namespace guide
