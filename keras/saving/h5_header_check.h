// File: keras/saving/h5_header_check.h
// -----------------------------------------------------------------------------
// Checks HDF5 1.10 does not make on an object header before decoding its
// messages. HDF5 1.10.8's attribute decoder (H5O_attr_decode in H5Oattr.c)
// trusts every size inside the message: it strdup's the name without a
// bound, decodes the datatype and dataspace without their declared sizes
// (H5O_dtype_decode_helper strdup's member/enum names and memcpy's enum
// values and opaque tags; H5O_sdspace_decode reads `rank` dimensions) and
// finally memcpy's elements x datatype size bytes of data, none of it
// checked against the message, so a corrupt attribute reads past the heap
// buffer holding the header chunk (found by keras/saving/corruption_test.cpp:
// a 16-byte over-read under AddressSanitizer). Datatype and dataspace
// messages of datasets use the same decoders, and a chunk or continuation
// size that the file cannot hold makes HDF5 allocate it before reading.
//
// object_header_problem() walks one object header (version 1 or 2, every
// continuation chunk) the way HDF5 will and checks each of those messages
// against its own size and each chunk against the file. It also checks the
// other messages HDF5 decodes on trust (fill values, layouts, filter
// pipelines, external file lists, links, comments: h5_message_check.cpp)
// and follows a group's symbol table message to its B-tree, symbol table
// nodes and local heap, and a chunked layout to its chunk index
// (h5_btree_check.cpp). H5File runs it on every object before HDF5 opens
// it. Formats HDF5 would decode from elsewhere (shared messages, attributes
// or links stored densely in a fractal heap, version 4 chunk indexes) are
// refused: neither Keras nor h5py's defaults write them.
// -----------------------------------------------------------------------------
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace keras::saving {

// Copies `size` bytes at HDF5 address `address` (relative to the base
// address) into `out`; false when they are not all inside the file.
using H5RawReader = std::function<bool(std::uint64_t address, std::size_t size,
                                       unsigned char* out)>;

struct H5Geometry {
  std::uint64_t file_size = 0;  // bytes addressable from the base address
  unsigned sizeof_addr = 8;     // superblock's "size of offsets"
  unsigned sizeof_size = 8;     // superblock's "size of lengths"
  // Group B-tree and symbol table node K (HDF5's defaults; superblocks
  // before version 2 store them).
  unsigned btree_k = 16;
  unsigned sym_leaf_k = 4;
  unsigned chunk_btree_k = 32;  // of chunked datasets' indexes
};

// Where a chunked dataset's version 1 B-tree of chunks starts, and the
// rank of its chunk keys (the dataset's rank + 1).
struct H5ChunkIndex {
  static constexpr std::uint64_t kUndefined = ~std::uint64_t{0};
  std::uint64_t btree = kUndefined;
  unsigned rank = 0;
  std::uint64_t elements = 0;  // per chunk (the layout's dims but the last)
};

// "" when the object header at `address` and the messages HDF5 decodes
// without bounds (datatype, dataspace, attribute) are consistent; otherwise
// what is wrong ("attribute message 3 of the object header at byte 800 ...").
std::string object_header_problem(const H5RawReader& read,
                                  const H5Geometry& geometry,
                                  std::uint64_t address);

struct H5Superblock {
  std::uint64_t base = 0;  // file offset of the superblock: HDF5 address 0
  std::uint64_t root = 0;  // address of the root group's object header
  // file_size: bytes from the base to the end of the file or of its
  // allocated space (the superblock's end-of-file address), if less: HDF5
  // refuses to read past either.
  H5Geometry geometry;
};

// The superblock (versions 0-3; at 0, 512, 1024, ... after a user block)
// of a file of `file_size` bytes; `read` takes offsets from the start of
// the file. nullopt when there is none HDF5 could read.
std::optional<H5Superblock> read_superblock(const H5RawReader& read,
                                            std::uint64_t file_size);

// object_header_problem() for the root group, found through the superblock,
// before HDF5 opens the file: HDF5 loads the root group's header inside
// H5Fopen, and when that fails its error path leaks the header (424 bytes
// per open, found by fuzz/weights_h5_fuzzer.cpp). `read` takes offsets from
// the start of the file here. "" also when there is no superblock HDF5
// could read (it refuses those before loading any header).
std::string root_header_problem(const H5RawReader& read,
                                std::uint64_t file_size);

// "" when the group structures a symbol table message points to (its
// B-tree of `btree`, the symbol table nodes under it and the local heap of
// link names at `heap`) are what HDF5 can read without trusting their
// sizes, counts and offsets (h5_symbol_table_check.cpp).
std::string symbol_table_problem(const H5RawReader& read,
                                 const H5Geometry& geometry,
                                 std::uint64_t btree, std::uint64_t heap);

// "" when the chunk index of a chunked dataset (from its layout message)
// holds group-free chunk nodes HDF5 can walk and chunks inside the file.
std::string chunk_index_problem(const H5RawReader& read,
                                const H5Geometry& geometry,
                                const H5ChunkIndex& index);

// Fill value (old and new), link, external file list, layout, filter
// pipeline and comment messages (types 0x04-0x08, 0x0B, 0x0D), which HDF5
// decodes trusting the sizes inside them (h5_message_check.cpp):
// message_is_checked(type) says whether message_problem() knows `type`;
// "" when the `size` bytes at `data` decode within themselves. A chunked
// layout's index is stored in `*chunks` when given.
bool message_is_checked(unsigned type);
std::string message_problem(unsigned type, const unsigned char* data,
                            std::size_t size, const H5Geometry& geometry,
                            H5ChunkIndex* chunks = nullptr);

// The checks on single encoded messages (exposed for tests): "" when the
// `size` bytes at `data` hold a datatype / dataspace / attribute message
// HDF5 can decode without reading past them.
std::string datatype_message_problem(const unsigned char* data,
                                     std::size_t size,
                                     const H5Geometry& geometry);
std::string dataspace_message_problem(const unsigned char* data,
                                      std::size_t size,
                                      const H5Geometry& geometry);
std::string attribute_message_problem(const unsigned char* data,
                                      std::size_t size,
                                      const H5Geometry& geometry);

}  // namespace keras::saving
