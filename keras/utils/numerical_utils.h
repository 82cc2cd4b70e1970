// File: keras/utils/numerical_utils.h
// -----------------------------------------------------------------------------
// encode_categorical_inputs (Python: keras/src/utils/numerical_utils.py): the
// shared output step of CategoryEncoding, Discretization and the lookup
// layers. Integer ids become "int" (cast), "one_hot", "multi_hot" or "count"
// vectors of length `depth`; ids outside [0, depth) give no hot entry.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>

#include "keras/backend/tensor.h"

namespace keras {

Tensor encode_categorical_inputs(const Tensor& inputs,
                                 const std::string& output_mode,
                                 std::int64_t depth, DType dtype);

// Keras' argument_validation.validate_string_arg message for output_mode.
void validate_output_mode(const std::string& output_mode,
                          const std::string& caller,
                          std::initializer_list<const char*> allowed);

}  // namespace keras
