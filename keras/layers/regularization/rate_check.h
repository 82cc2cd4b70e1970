// File: keras/layers/regularization/rate_check.h
// -----------------------------------------------------------------------------
// The [0, 1] range check of the noise layers' `rate` / `stddev` arguments,
// with Keras' message ("Invalid value received for argument `rate`. Expected
// a float value between 0 and 1. Received: rate=...").
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/error.h"

namespace keras::layers {

inline void check_unit_interval(double value, const char* name) {
  if (!(value >= 0.0 && value <= 1.0)) {
    throw ValueError(str("Invalid value received for argument `", name,
                         "`. Expected a float value between 0 and 1. "
                         "Received: ",
                         name, "=", value));
  }
}

}  // namespace keras::layers
