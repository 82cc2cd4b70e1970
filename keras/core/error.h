// File: keras/core/error.h
// -----------------------------------------------------------------------------
// The exceptions keras.cpp throws. They mirror the Python exception names Keras
// raises (ValueError, TypeError, NotImplementedError) so that a Keras user
// recognises them, plus two for files: FileError (the file system said no) and
// FormatError (the bytes are not a valid .keras / HDF5 / JSON file).
//
// Every error derives from keras::Error, so `catch (const keras::Error&)`
// catches everything the library throws on purpose.
//
//   throw keras::ValueError(keras::str("Received an invalid value for `units`",
//                                      ", expected a positive integer. ",
//                                      "Received: units=", units));
// -----------------------------------------------------------------------------
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace keras {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A value (argument, config entry, shape) is wrong.
class ValueError : public Error {
  using Error::Error;
};

// A value has the wrong kind, or a class/function cannot be located.
class TypeError : public Error {
  using Error::Error;
};

// The feature exists in Keras but not (yet) in keras.cpp.
class NotImplementedError : public Error {
  using Error::Error;
};

// The file system refused an operation (missing file, permission, full disk).
class FileError : public Error {
  using Error::Error;
};

// A file's bytes are not what its format requires (corrupt zip, truncated
// HDF5, invalid JSON, hostile content).
class FormatError : public Error {
  using Error::Error;
};

// Concatenates its arguments with operator<< into one message string.
template <class... Parts>
std::string str(Parts&&... parts) {
  std::ostringstream out;
  (out << ... << std::forward<Parts>(parts));
  return out.str();
}

}  // namespace keras
