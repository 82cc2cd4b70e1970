// File: keras/saving/h5_heap_check.h
// -----------------------------------------------------------------------------
// A check HDF5 1.10 does not make: the objects of a global heap collection
// ("GCOL", where variable-length strings live) must fit inside it. HDF5
// 1.10.8 trusts a corrupt object size and later memcpy's that many bytes
// (a crash found by keras/saving/corruption_test.cpp), or loops forever on a
// zero-sized free-space object. H5File runs this over a file before HDF5
// opens it.
// -----------------------------------------------------------------------------
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace keras::saving {

// The global heap collections of a file: object sizes by index, by the
// collection's address (relative to the HDF5 base address, as heap IDs
// store it).
struct GlobalHeaps {
  std::map<std::uint64_t, std::map<std::uint32_t, std::uint64_t>> objects;
  std::string problem;  // "" when every collection is well formed
};

// A collection is recognised by its signature, version 1, zero reserved
// bytes and a size of at least 4096 bytes that fits in the file (what HDF5
// itself requires), so weight bytes that happen to spell "GCOL" are ignored.
GlobalHeaps scan_global_heaps(const char* data, std::size_t size);

// scan_global_heaps(...).problem.
std::string global_heap_problem(const char* data, std::size_t size);

// Why the raw (on-disk) variable-length heap ID `raw` (length 4, collection
// address 8, object index 4 bytes) must not be handed to HDF5 1.10, which
// copies the object's size into a buffer of the declared length without
// checking either: "" when the collection and object exist and the object's
// size equals `element_size` x the declared length.
std::string heap_reference_problem(const GlobalHeaps& heaps,
                                   const unsigned char* raw,
                                   std::size_t element_size);

}  // namespace keras::saving
