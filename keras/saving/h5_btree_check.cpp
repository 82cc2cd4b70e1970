// The version 1 B-trees HDF5 1.10 reads (h5_header_check.h): a group's,
// with its symbol table nodes and local heap of link names
// (symbol_table_problem), and a chunked dataset's index of chunks
// (chunk_index_problem). They are checked the way HDF5 will read them but
// bounded: HDF5 1.10.8 allocates a local heap's declared data size before
// reading it (a corrupt size makes it write into the NULL it gets back,
// found by fuzz/weights_h5_fuzzer.cpp), follows a heap's free list with no
// loop check, decodes a symbol table node's declared count of entries into
// an array of 2K, follows B-tree children by the level each node claims,
// and reads names at heap offsets it never bounds.
#include <cstring>
#include <functional>
#include <set>
#include <vector>

#include "keras/core/error.h"
#include "keras/saving/h5_header_check.h"
#include "keras/saving/internal/h5_check_util.h"

namespace keras::saving {

namespace {

using Bad = internal::H5CheckFailure;
using internal::bad;
using internal::little_endian;

// Link names of one group; Keras writes a few hundred bytes.
constexpr std::uint64_t kMaxHeapBytes = std::uint64_t{64} << 20;
constexpr unsigned kMaxTreeLevel = 64;
constexpr std::size_t kMaxTreeNodes = 1 << 20;
// H5HL_FREE_NULL: the end of a local heap's free list.
constexpr std::uint64_t kFreeListEnd = 1;

// One kind of version 1 B-tree: node type 0 (groups: keys are heap offsets
// of names, leaves are symbol table nodes) or 1 (chunks: keys are chunk
// size, filter mask and offsets; leaves are the chunks).
struct TreeKind {
  unsigned type = 0;
  std::uint64_t key_size = 0;
  unsigned k = 0;  // a node holds up to 2K children
  std::function<void(const unsigned char* key)> check_key;
  // A level-0 child, with the key before it.
  std::function<void(std::uint64_t child, const unsigned char* key)> leaf;
};

class BTreeWalk {
 public:
  BTreeWalk(const H5RawReader& read, const H5Geometry& g, TreeKind kind)
      : read_(read), g_(g), kind_(std::move(kind)) {}

  void run(std::uint64_t root) { walk(root, kMaxTreeLevel + 1); }

 private:
  // Node: "TREE", type, level, entries used, two sibling addresses, then
  // 2K+1 keys around 2K child addresses.
  void walk(std::uint64_t at, unsigned parent_level) {
    if (!visited_.insert(at).second || visited_.size() > kMaxTreeNodes) {
      bad(str("its B-tree revisits the node at byte ", at));
    }
    const unsigned sa = g_.sizeof_addr;
    const std::uint64_t two_k = 2ull * kind_.k;
    const std::uint64_t header = 8 + 2ull * sa;
    const std::uint64_t key = kind_.key_size;
    const std::vector<unsigned char> node = internal::read_in_file(
        read_, g_, at, header + two_k * sa + (two_k + 1) * key, "B-tree node");
    if (std::memcmp(node.data(), "TREE", 4) != 0 || node[4] != kind_.type) {
      bad(str("its B-tree node at byte ", at, " is not a ",
              kind_.type == 0 ? "group" : "chunk index", " node"));
    }
    const unsigned level = node[5];
    const unsigned entries = node[6] | (node[7] << 8);
    if (level >= parent_level || level > kMaxTreeLevel) {
      bad(str("its B-tree node at byte ", at, " has level ", level));
    }
    if (entries > two_k) {
      bad(str("its B-tree node at byte ", at, " has ", entries,
              " children (at most ", two_k, ")"));
    }
    const unsigned char* p = node.data() + header;
    kind_.check_key(p);
    for (unsigned i = 0; i < entries; ++i) {
      const unsigned char* left_key = p;
      const std::uint64_t child = little_endian(p + key, sa);
      p += key + sa;
      kind_.check_key(p);
      if (level > 0) {
        walk(child, level);
      } else {
        kind_.leaf(child, left_key);
      }
    }
  }

  const H5RawReader& read_;
  const H5Geometry& g_;
  TreeKind kind_;
  std::set<std::uint64_t> visited_;
};

// A group's local heap of names (read whole) and its symbol table nodes.
class SymbolTable {
 public:
  SymbolTable(const H5RawReader& read, const H5Geometry& g)
      : read_(read), g_(g) {}

  void run(std::uint64_t btree, std::uint64_t heap) {
    read_heap(heap);
    TreeKind kind{
        .type = 0,
        .key_size = g_.sizeof_size,
        .k = g_.btree_k,
        .check_key =
            [this](const unsigned char* key) {
              check_name(little_endian(key, g_.sizeof_size), "B-tree key");
            },
        .leaf = [this](std::uint64_t child,
                       const unsigned char*) { check_symbol_node(child); },
    };
    BTreeWalk(read_, g_, std::move(kind)).run(btree);
  }

 private:
  // Local heap: "HEAP", version 0, 3 reserved bytes, data size, offset of
  // the first free block, address of the data.
  void read_heap(std::uint64_t at) {
    const unsigned ss = g_.sizeof_size;
    const std::vector<unsigned char> prefix = internal::read_in_file(
        read_, g_, at, 8 + 2 * ss + g_.sizeof_addr, "local heap");
    if (std::memcmp(prefix.data(), "HEAP", 4) != 0 || prefix[4] != 0) {
      bad(str("its local heap at byte ", at, " has no HEAP signature"));
    }
    const std::uint64_t size = little_endian(&prefix[8], ss);
    const std::uint64_t free = little_endian(&prefix[8 + ss], ss);
    const std::uint64_t data =
        little_endian(&prefix[8 + 2 * ss], g_.sizeof_addr);
    if (size > kMaxHeapBytes) {
      bad(str("its local heap declares ", size, " bytes of names"));
    }
    heap_ = internal::read_in_file(read_, g_, data, size, "local heap data");
    check_free_list(free);
  }

  // Free blocks: next offset and size, each inside the heap, no loops.
  void check_free_list(std::uint64_t offset) const {
    const unsigned ss = g_.sizeof_size;
    std::set<std::uint64_t> seen;
    while (offset != kFreeListEnd) {
      if (offset > heap_.size() || 2u * ss > heap_.size() - offset ||
          !seen.insert(offset).second) {
        bad(str("its local heap's free list is corrupt at offset ", offset));
      }
      const std::uint64_t next = little_endian(&heap_[offset], ss);
      const std::uint64_t size = little_endian(&heap_[offset + ss], ss);
      if (size > heap_.size() - offset) {
        bad(str("a free block of its local heap runs past the heap"));
      }
      offset = next;
    }
  }

  // A NUL-terminated name at `offset` of the heap.
  void check_name(std::uint64_t offset, const char* what) const {
    if (offset >= heap_.size() ||
        std::memchr(&heap_[offset], 0, heap_.size() - offset) == nullptr) {
      bad(str("a ", what, " names heap offset ", offset,
              ", outside its local heap's names"));
    }
  }

  // Symbol table node: "SNOD", version 1, reserved, count, 2K entries of
  // name offset, header address, cache type, reserved, scratch pad.
  void check_symbol_node(std::uint64_t at) {
    if (!nodes_.insert(at).second) {
      bad(str("its B-tree refers twice to the symbol node at byte ", at));
    }
    const unsigned ss = g_.sizeof_size;
    const std::uint64_t entry = ss + g_.sizeof_addr + 24;
    const std::uint64_t capacity = 2ull * g_.sym_leaf_k;
    const std::vector<unsigned char> node = internal::read_in_file(
        read_, g_, at, 8 + capacity * entry, "symbol table node");
    if (std::memcmp(node.data(), "SNOD", 4) != 0 || node[4] != 1) {
      bad(str("its symbol table node at byte ", at, " has no SNOD signature"));
    }
    const unsigned count = node[6] | (node[7] << 8);
    if (count > capacity) {
      bad(str("its symbol table node at byte ", at, " holds ", count,
              " entries (at most ", capacity, ")"));
    }
    for (unsigned i = 0; i < count; ++i) {
      check_name(little_endian(&node[8 + i * entry], ss), "link");
    }
  }

  const H5RawReader& read_;
  const H5Geometry& g_;
  std::vector<unsigned char> heap_;
  std::set<std::uint64_t> nodes_;
};

std::string problem_of(const std::function<void()>& check) {
  try {
    check();
  } catch (const Bad& b) {
    return b.why;
  }
  return "";
}

}  // namespace

std::string symbol_table_problem(const H5RawReader& read,
                                 const H5Geometry& geometry,
                                 std::uint64_t btree, std::uint64_t heap) {
  if (geometry.btree_k == 0 || geometry.sym_leaf_k == 0) {
    return "the superblock's group B-tree K values are 0";
  }
  return problem_of([&] { SymbolTable(read, geometry).run(btree, heap); });
}

std::string chunk_index_problem(const H5RawReader& read,
                                const H5Geometry& geometry,
                                const H5ChunkIndex& index) {
  if (geometry.chunk_btree_k == 0) {
    return "the superblock's chunk B-tree K value is 0";
  }
  if (index.btree == H5ChunkIndex::kUndefined) return "";  // no chunk yet
  return problem_of([&] {
    TreeKind kind{
        .type = 1,
        .key_size = 8 + 8ull * index.rank,
        .k = geometry.chunk_btree_k,
        .check_key = [](const unsigned char*) {},
        .leaf =
            [&](std::uint64_t chunk, const unsigned char* key) {
              const std::uint64_t size = little_endian(key, 4);
              if (chunk > geometry.file_size ||
                  size > geometry.file_size - chunk) {
                bad(str("its chunk of ", size, " bytes at byte ", chunk,
                        " does not fit in the file (", geometry.file_size,
                        " bytes)"));
              }
            },
    };
    BTreeWalk(read, geometry, std::move(kind)).run(index.btree);
  });
}

}  // namespace keras::saving
