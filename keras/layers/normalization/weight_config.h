// File: keras/layers/normalization/weight_config.h
// -----------------------------------------------------------------------------
// Reading and writing the per-weight arguments layers keep in their configs
// (`*_initializer`, `*_regularizer`, `*_constraint`) and Keras' `axis`
// arguments (an int or a list of ints). Shared by the normalization layers
// and Embedding so every one reads Keras' records the same way:
//
//   o.gamma_initializer = read_initializer(r, "gamma_initializer", "ones");
//   config["gamma_initializer"] = write_initializer(o.gamma_initializer);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "keras/constraints/constraints.h"
#include "keras/core/json.h"
#include "keras/initializers/initializer.h"
#include "keras/regularizers/regularizers.h"
#include "keras/saving/config_reader.h"

namespace keras::layers::weight_config {

// An initializer given as a record, a name, or absent (`fallback`).
initializers::Initializer read_initializer(const saving::ConfigReader& r,
                                           const std::string& key,
                                           const char* fallback);
initializers::Initializer read_initializer(const saving::ConfigReader& r,
                                           const std::string& key,
                                           initializers::Initializer fallback);
regularizers::RegularizerPtr read_regularizer(const saving::ConfigReader& r,
                                              const std::string& key);
constraints::ConstraintPtr read_constraint(const saving::ConfigReader& r,
                                           const std::string& key);

Json write_initializer(const initializers::Initializer& initializer);
Json write_regularizer(const regularizers::RegularizerPtr& regularizer);
Json write_constraint(const constraints::ConstraintPtr& constraint);

// Keras' `axis` argument: an int or a list of ints, kept as written (the
// config writes back whichever form it was given).
struct Axis {
  Axis(std::int64_t axis) : values{axis} {}  // NOLINT: Python's int form
  Axis(std::vector<std::int64_t> axes) : values(std::move(axes)), list(true) {}
  Axis(std::initializer_list<std::int64_t> axes) : Axis(std::vector(axes)) {}
  std::vector<std::int64_t> values;
  bool list = false;
  Json to_json() const;
};

// Reads `key` as an int or a list of ints (TypeError otherwise).
Axis read_axis(const saving::ConfigReader& r, const std::string& key,
               Axis fallback);

// Each axis made non-negative for a tensor of `rank`; throws Keras'
// "Axis ... is out of bounds for input shape ..." otherwise.
std::vector<std::int64_t> canonical_axes(const std::vector<std::int64_t>& axes,
                                         const Shape& shape, const Json& given);

}  // namespace keras::layers::weight_config

// The helpers are defined in their own namespace (so that they cannot clash
// at link time with same-named helpers elsewhere) and used unqualified.
namespace keras::layers {
using weight_config::Axis;
using weight_config::canonical_axes;
using weight_config::read_axis;
using weight_config::read_constraint;
using weight_config::read_initializer;
using weight_config::read_regularizer;
using weight_config::write_constraint;
using weight_config::write_initializer;
using weight_config::write_regularizer;
}  // namespace keras::layers
