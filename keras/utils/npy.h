// File: keras/utils/npy.h
// -----------------------------------------------------------------------------
// NumPy .npy files <-> keras::Tensor.
//
// Python counterpart: numpy.load(path) / numpy.save(path, array) (the .npy
// format, https://numpy.org/doc/stable/reference/generated/numpy.lib.format
// .html). Fixture inputs and expected outputs are .npy files.
//
//   keras::Tensor x = keras::load_npy("input_0.npy");    // float32 (128, 32)
//   keras::save_npy("prediction.npy", y);                  // atomic write
//   std::string bytes = keras::save_npy_to_bytes(y);       // same bytes
//
// Reading: format versions 1.0, 2.0 and 3.0; dtypes f2 f4 f8 i1 i4 i8 u1 b1
// with byte order '<', '>', '=' or '|' (big-endian data is byte-swapped);
// fortran_order=True arrays are transposed into C order. Anything malformed
// (bad magic, header that is not the expected dict, data size not matching
// the shape) throws keras::FormatError naming the file; nothing is allocated
// before the data size was checked against the shape. Valid files with a
// dtype keras.cpp tensors cannot hold (int16, complex, structured, object)
// throw keras::NotImplementedError.
//
// Writing produces exactly NumPy's (>= 1.24) bytes: version 1.0 header
// "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" plus NumPy's
// spare space for growing the first axis, padded with spaces and a final
// newline so that the data starts at a multiple of 64 bytes.
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <string_view>

#include "keras/backend/tensor.h"

namespace keras {

// Reads a .npy file (see above). FileError if it cannot be read.
Tensor load_npy(const std::string& path);

// Parses the bytes of a .npy file; `source` names it in error messages.
Tensor load_npy_from_bytes(std::string_view bytes,
                           std::string_view source = "<npy bytes>");

// Writes a concrete tensor as a .npy file (write_file_atomic). bfloat16 has
// no NumPy dtype and throws NotImplementedError; symbolic tensors throw
// ValueError.
void save_npy(const std::string& path, const Tensor& tensor);

// The bytes save_npy writes.
std::string save_npy_to_bytes(const Tensor& tensor);

}  // namespace keras
