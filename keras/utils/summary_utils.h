// File: keras/utils/summary_utils.h
// -----------------------------------------------------------------------------
// model.summary() (Python: keras/src/utils/summary_utils.py): Keras' table of
// layers, output shapes and parameter counts, drawn with the same box
// characters and widths as Keras' rich output, then the parameter totals.
// -----------------------------------------------------------------------------
#pragma once

#include <ostream>

namespace keras {
class Model;
}

namespace keras::utils {

void print_summary(const Model& model, std::ostream& out);

}  // namespace keras::utils
