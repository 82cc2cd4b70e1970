// File: keras/version.cpp
// The version string compiled into the library (see version.h).
#include "keras/version.h"

namespace keras {

const char* version() noexcept { return KERAS_CPP_VERSION_STRING; }

}  // namespace keras
