// File: keras/utils/naming.h
// -----------------------------------------------------------------------------
// Names as Keras makes them (Python: keras/src/utils/naming.py): snake_case of
// class names ("MultiHeadAttention" -> "multi_head_attention") and unique
// auto-names per process ("dense", "dense_1", ...), reset by
// keras::utils::clear_session().
// -----------------------------------------------------------------------------
#pragma once

#include <string>

namespace keras::utils {

std::string to_snake_case(const std::string& name);
// "dense" the first time, then "dense_1", "dense_2", ...
std::string uniquify(const std::string& base);
// Forgets the auto-names given so far (keras.backend.clear_session()).
void clear_session();

}  // namespace keras::utils
