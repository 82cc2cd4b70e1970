// File: keras/saving/h5_range_driver.h
// -----------------------------------------------------------------------------
// An HDF5 virtual file driver for an HDF5 file that occupies a byte range of
// another file: `model.weights.h5` stored (uncompressed, as Keras writes it)
// inside a .keras zip archive, or a whole .weights.h5 file.
//
// HDF5 reads the range with pread() straight into its own buffers, so
// loading a .keras file never holds the weights member in memory: the bytes
// go from the page cache into the tensors (keras/saving/saving_lib.cpp).
// Saving writes the member the same way, with pwrite() from the tensors into
// the archive being written.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>

namespace keras::saving {

// Makes the file access property list `fapl` read bytes
// [offset, offset + size) of the open descriptor `fd`, which must stay open
// until the HDF5 file is closed. Returns false when this HDF5 version's
// driver interface is not supported (callers then read the bytes into memory
// instead).
// `fapl` is an HDF5 hid_t (kept out of this header, which installs without
// HDF5's).
bool set_fapl_byte_range(std::int64_t fapl, int fd, std::uint64_t offset,
                         std::uint64_t size);

// Makes `fapl` create a new HDF5 file at `offset` of the open, writable
// descriptor `fd`, whose bytes from `offset` on belong to it: the file
// grows as HDF5 writes and is cut at the HDF5 file's end when it closes.
// Returns false as set_fapl_byte_range does.
bool set_fapl_byte_range_writer(std::int64_t fapl, int fd,
                                std::uint64_t offset);

}  // namespace keras::saving
