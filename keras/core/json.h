// File: keras/core/json.h
// -----------------------------------------------------------------------------
// keras::Json: the JSON value type of configs. nlohmann's ordered_json keeps
// keys in insertion order, so configs come out in Keras' key order. Parse and
// dump with keras/utils/json_utils.h (Python json compatible: NaN/Infinity,
// ", " / ": " separators, Python float repr), never with nlohmann's own
// parse()/dump().
// -----------------------------------------------------------------------------
#pragma once

#include <nlohmann/json.hpp>

namespace keras {

using Json = nlohmann::ordered_json;

}  // namespace keras
