// The C++ twin of the Keras guide "Save, serialize, and export models":
// runs every section in order (`make demo`). Files are written to the
// current directory, as in the guide.
#include <exception>
#include <iostream>

#include "examples/guide/sections.h"

int main() {
  try {
    guide::saving();
    guide::custom_objects();
    guide::model_serialization();
    guide::weights_saving();
    guide::appendix();
  } catch (const std::exception& e) {
    std::cerr << "guide failed: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
