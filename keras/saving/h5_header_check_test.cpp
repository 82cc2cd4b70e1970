// Object header checks (h5_header_check.h): corruption_test's HDF5 1.10.8
// heap over-read decoding an attribute message, and the crash releasing a
// half-built attribute table after a failed decode, both refused before
// HDF5 decodes anything.
#include "keras/saving/h5_header_check.h"

#include <gtest/gtest.h>

#include <cstring>

#include "keras/keras.h"
#include "keras/saving/h5_file.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/file_utils.h"

namespace keras::saving {
namespace {

using testing::expect_error;
using testing::fixture;
using testing::TempDir;
using Bytes = std::vector<unsigned char>;

const std::string& legacy_file() {
  static const std::string bytes =
      read_file(fixture("weights/legacy_h5_sequential_mlp/model.h5"));
  return bytes;
}

// The legacy fixture with one byte of its root group's header replaced.
std::string legacy_with(std::size_t offset, unsigned char was,
                        unsigned char now) {
  std::string bytes = legacy_file();
  EXPECT_EQ(static_cast<unsigned char>(bytes.at(offset)), was);
  bytes[offset] = static_cast<char>(now);
  return bytes;
}

// A version 1 attribute message: name "name", a 4-byte fixed string type,
// a scalar dataspace and 4 bytes of data (36 bytes).
Bytes attribute_message() {
  return {1,    0,   5,   0,   8, 0, 8, 0,  // version, sizes
          'n',  'a', 'm', 'e', 0, 0, 0, 0,  // name, padded
          0x13, 0,   0,   0,   4, 0, 0, 0,  // string, size 4
          1,    0,   0,   0,   0, 0, 0, 0,  // scalar dataspace
          'a',  'b', 'c', 'd'};             // data
}

std::string attribute_problem(const Bytes& m) {
  return attribute_message_problem(m.data(), m.size(), H5Geometry{});
}

TEST(H5HeaderCheckTest, WellFormedAttributeMessagePasses) {
  EXPECT_EQ(attribute_problem(attribute_message()), "");
}

TEST(H5HeaderCheckTest, AttributeSizesMustFitTheMessage) {
  Bytes m = attribute_message();
  m.pop_back();  // HDF5 would memcpy 4 data bytes from 3
  EXPECT_NE(attribute_problem(m).find("attribute data"), std::string::npos);

  m = attribute_message();
  m[12] = 'x';  // no NUL within the name: HDF5 strdup's past it
  EXPECT_NE(attribute_problem(m).find("NUL"), std::string::npos);

  m = attribute_message();
  m[25] = 30;  // rank 30: HDF5 reads 240 bytes of dimensions
  EXPECT_NE(attribute_problem(m).find("dimension"), std::string::npos);

  m = attribute_message();
  m[6] = 0xff;  // dataspace size beyond the message
  EXPECT_NE(attribute_problem(m).find("dataspace"), std::string::npos);

  m = attribute_message();
  m[16] = 0x19;  // a variable-length type declaring 4 bytes (not 16)
  EXPECT_NE(attribute_problem(m), "");

  m = attribute_message();
  m[16] = 0x0d;  // version 0: HDF5 fails, then crashes cleaning up
  EXPECT_NE(attribute_problem(m).find("version"), std::string::npos);

  m = attribute_message();
  m[1] = 0;
  m[0] = 2;  // version 2: no padding, so the name size now misleads
  EXPECT_NE(attribute_problem(m), "");
}

TEST(H5HeaderCheckTest, DatatypeAndDataspaceMessages) {
  const H5Geometry g;
  // float64 little-endian as h5py writes it
  const Bytes f64 = {0x11, 0x20, 0x3f, 0,  8, 0,  0,    0, 0, 0,
                     0x40, 0,    52,   11, 0, 52, 0xff, 3, 0, 0};
  EXPECT_EQ(datatype_message_problem(f64.data(), f64.size(), g), "");
  EXPECT_NE(datatype_message_problem(f64.data(), f64.size() - 1, g), "");
  // compound with one member whose name has no NUL
  const Bytes compound = {0x16, 1, 0, 0, 8, 0, 0, 0, 'a', 'b'};
  EXPECT_NE(datatype_message_problem(compound.data(), compound.size(), g), "");
  // a variable-length string (h5py's) of 1-byte characters, then the
  // same with 4 GiB - 1 characters (fuzz_legacy_h5: HDF5 allocated 20 GiB
  // converting a 5-character string)
  Bytes vlen = {0x19, 1, 0, 0, 16, 0, 0, 0, 0x10, 0,
                0,    0, 1, 0, 0,  0, 0, 0, 8,    0};
  EXPECT_EQ(datatype_message_problem(vlen.data(), vlen.size(), g), "");
  vlen[12] = vlen[13] = vlen[14] = vlen[15] = 0xff;
  EXPECT_EQ(datatype_message_problem(vlen.data(), vlen.size(), g),
            "a variable-length string has 4294967295-byte characters");
  // simple dataspace, version 1, rank 2, no max dims: 8 + 16 bytes
  Bytes space = {1, 2, 0, 0, 0, 0, 0, 0};
  space.resize(24, 0);
  EXPECT_EQ(dataspace_message_problem(space.data(), space.size(), g), "");
  EXPECT_NE(dataspace_message_problem(space.data(), 23, g), "");
  space[2] = 1;  // max dims present but not stored
  EXPECT_NE(dataspace_message_problem(space.data(), space.size(), g), "");
}

// corruption_test's case: the legacy model with one byte of an attribute
// message changed made HDF5 1.10.8 read 16 bytes past the header chunk in
// H5Aexists (H5O__msg_iterate_real -> H5O_attr_decode's memcpy).
TEST(H5HeaderCheckTest, CorruptAttributeOfLegacyModelIsRefused) {
  TempDir dir;
  const std::string path = dir.file("c.h5");
  write_file_atomic(path, legacy_with(918, 8, 0xee));
  expect_error<FormatError>([&] { load_model(path); },
                            "attribute message 3 is corrupt");
  expect_error<FormatError>([&] { H5File::open(path); },
                            "the object header at byte 96");
  expect_error<FormatError>(
      [&] {
        H5File::open_image(read_file(path), "c.h5")
            .read_string_attribute("/", "model_config");
      },
      "attribute message 3 is corrupt");
}

// An attribute whose datatype HDF5 refuses: listing the attributes
// (H5Aiterate) then freed a table entry that was never built (SEGV in
// H5A__close).
TEST(H5HeaderCheckTest, UndecodableAttributeIsRefusedBeforeHdf5) {
  TempDir dir;
  const std::string path = dir.file("c.h5");
  write_file_atomic(path, legacy_with(1064, 1, 3));
  expect_error<FormatError>([&] { H5File::open(path).attribute_names("/"); },
                            "attribute message 5 is corrupt");
  write_file_atomic(path, legacy_with(1088, 25, 29));
  expect_error<FormatError>([&] { load_model(path); }, "unknown class 13");
}

// HDF5 loads the root group's header inside H5Fopen and leaks it when that
// fails (fuzz_weights_h5: 424 bytes per file): the root header is checked
// before H5Fopen, through the superblock.
TEST(H5HeaderCheckTest, RootHeaderIsCheckedBeforeHdf5OpensTheFile) {
  TempDir dir;
  const std::string path = dir.file("c.h5");
  // chunk 0 of the root header declares 8 MiB
  write_file_atomic(path, legacy_with(106, 0, 0x80));
  expect_error<FormatError>([&] { H5File::open(path); },
                            "is not a valid HDF5 file: the object header at "
                            "byte 96: its chunk of 8388632 bytes");
  expect_error<FormatError>(
      [&] { H5File::open_image(read_file(path), "c.h5"); },
      "does not fit in the file");
  // a continuation of 0 bytes (HDF5 fails loading it and leaks the header)
  std::string bytes = legacy_with(128, 0x50, 0);
  bytes[129] = 0;
  write_file_atomic(path, bytes);
  expect_error<FormatError>([&] { load_model(path); },
                            "continuation message 0 points to 0 bytes");
}

// HDF5 reads nothing past the superblock's end-of-file address, moved by
// the stored base address (here 256 bytes earlier), and leaks the header
// it fails to load there: headers are checked against that end too.
TEST(H5HeaderCheckTest, HeadersEndBeforeTheEndOfAllocatedSpace) {
  TempDir dir;
  const std::string path = dir.file("c.h5");
  write_file_atomic(path, legacy_with(25, 0, 1));
  expect_error<FormatError>(
      [&] {
        H5File::open(path).has(
            "optimizer_weights/adam/mlp_dense_2_bias_velocity");
      },
      "does not fit in the file (32448 bytes)");
}

// fuzz_weights_h5: a header whose chunk is empty made the walk memcpy 0
// bytes into a null buffer (UBSan).
TEST(H5HeaderCheckTest, EmptyChunkIsNoMessages) {
  const Bytes prefix = {1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  H5Geometry g;
  g.file_size = prefix.size();
  const auto read = [&](std::uint64_t at, std::size_t size,
                        unsigned char* out) {
    EXPECT_NE(out, nullptr);
    std::memcpy(out, prefix.data() + at, size);
    return at + size <= prefix.size();
  };
  EXPECT_EQ(object_header_problem(read, g, 0), "");
}

// fuzz_legacy_h5: a fill value message marked shared sent HDF5 to the
// shared-message heap of a file that has none (a read through NULL). No
// message may be shared.
TEST(H5HeaderCheckTest, SharedMessagesAreRefused) {
  Bytes header = {1, 0, 1, 0, 1, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0,
                  5, 0, 8, 0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0};
  H5Geometry g;
  g.file_size = header.size();
  const auto read = [&](std::uint64_t at, std::size_t size,
                        unsigned char* out) {
    if (at > header.size() || size > header.size() - at) return false;
    std::memcpy(out, header.data() + at, size);
    return true;
  };
  header[20] = 0x02;  // the message's flags: shared
  EXPECT_EQ(object_header_problem(read, g, 0),
            "the object header at byte 0: its fill value message 0 is shared "
            "(not supported)");
}

// A group's symbol table structures (h5_symbol_table_check.cpp), built by
// hand with 8-byte addresses and lengths and K = 1: a local heap of names
// at 0 (data at 32), a B-tree leaf at 64, a symbol table node at 128.
struct SymbolTable {
  Bytes bytes = Bytes(216, 0);
  H5Geometry g;

  SymbolTable() {
    g.file_size = bytes.size();
    g.btree_k = 1;
    g.sym_leaf_k = 1;
    put(0, "HEAP");
    put64(8, 32);   // data size
    put64(16, 1);   // no free block
    put64(24, 32);  // data address
    put(32 + 8, "a");
    put(64, "TREE");
    bytes[70] = 1;   // one child
    put64(88, 0);    // key 0: ""
    put64(96, 128);  // child 0
    put64(104, 8);   // key 1: "a"
    put(128, "SNOD");
    bytes[132] = 1;  // version
    bytes[134] = 1;  // one entry
    put64(136, 8);   // its name: "a"
  }
  void put(std::size_t at, const char* text) {
    std::memcpy(&bytes[at], text, std::strlen(text));
  }
  void put64(std::size_t at, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) bytes[at + i] = (v >> (8 * i)) & 0xff;
  }
  std::string problem() const {
    return symbol_table_problem(
        [&](std::uint64_t at, std::size_t size, unsigned char* out) {
          if (at > bytes.size() || size > bytes.size() - at) return false;
          std::memcpy(out, bytes.data() + at, size);
          return true;
        },
        g, 64, 0);
  }
};

TEST(H5HeaderCheckTest, WellFormedSymbolTablePasses) {
  EXPECT_EQ(SymbolTable().problem(), "");
}

// fuzz_weights_h5: HDF5 allocates a local heap's declared size before
// reading it and writes into the NULL a huge size gets back.
TEST(H5HeaderCheckTest, LocalHeapSizeIsBounded) {
  SymbolTable t;
  t.put64(8, std::uint64_t{1} << 40);
  EXPECT_EQ(t.problem(),
            "its local heap declares 1099511627776 bytes of names");
  t.put64(8, 200);
  EXPECT_NE(t.problem().find("local heap data of 200 bytes at byte 32 does "
                             "not fit in the file"),
            std::string::npos);
  t = SymbolTable();
  t.bytes[4] = 1;  // version
  EXPECT_EQ(t.problem(), "its local heap at byte 0 has no HEAP signature");
}

TEST(H5HeaderCheckTest, LocalHeapFreeListMustEndInsideTheHeap) {
  SymbolTable t;
  t.put64(16, 16);       // first free block at offset 16 ...
  t.put64(32 + 16, 16);  // ... whose next block is itself
  t.put64(32 + 24, 16);
  EXPECT_EQ(t.problem(), "its local heap's free list is corrupt at offset 16");
  t.put64(32 + 16, 1);  // the end of the list, but a block too large
  t.put64(32 + 24, 17);
  EXPECT_EQ(t.problem(), "a free block of its local heap runs past the heap");
  t.put64(16, 30);  // no room for the block's two lengths
  EXPECT_EQ(t.problem(), "its local heap's free list is corrupt at offset 30");
}

TEST(H5HeaderCheckTest, SymbolTableCountsAndNamesAreBounded) {
  SymbolTable t;
  t.bytes[134] = 3;  // more entries than a node holds (2K)
  EXPECT_EQ(t.problem(),
            "its symbol table node at byte 128 holds 3 entries (at most 2)");
  t = SymbolTable();
  t.put64(136, 32);  // a name past the heap's data
  EXPECT_EQ(t.problem(),
            "a link names heap offset 32, outside its local heap's names");
  t = SymbolTable();
  t.bytes[70] = 3;
  EXPECT_EQ(t.problem(),
            "its B-tree node at byte 64 has 3 children (at most 2)");
  t = SymbolTable();
  t.put64(104, 99);
  EXPECT_EQ(t.problem(),
            "a B-tree key names heap offset 99, outside its local heap's "
            "names");
}

// A node's children must sit a level lower: a node that is its own child
// would make HDF5 recurse until the stack overflows.
TEST(H5HeaderCheckTest, BTreeLevelsDescend) {
  SymbolTable t;
  t.bytes[69] = 1;  // level 1: the child is a B-tree node ...
  t.put64(96, 64);  // ... namely this one
  EXPECT_EQ(t.problem(), "its B-tree revisits the node at byte 64");
  t.put64(96, 128);
  EXPECT_EQ(t.problem(), "its B-tree node at byte 128 is not a group node");
  t = SymbolTable();
  t.bytes[4 + 64] = 1;  // a chunk index B-tree, not a group's
  EXPECT_EQ(t.problem(), "its B-tree node at byte 64 is not a group node");
}

std::string message(unsigned type, const Bytes& m,
                    H5ChunkIndex* chunks = nullptr) {
  return message_problem(type, m.data(), m.size(), H5Geometry{}, chunks);
}

// HDF5 mallocs and memcpy's a fill value's declared size.
TEST(H5HeaderCheckTest, FillValueSizesFitTheirMessage) {
  // version 2 as h5py writes it: allocation, write time, defined, size 4
  Bytes fill = {2, 2, 2, 1, 4, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_TRUE(message_is_checked(0x05));
  EXPECT_EQ(message(0x05, fill), "");
  fill[7] = 0x7f;
  EXPECT_EQ(message(0x05, fill),
            "the fill value needs 2130706436 bytes but only 4 remain");
  fill = {2, 2, 2, 0};  // no value defined: no size follows
  EXPECT_EQ(message(0x05, fill), "");
  fill = {3, 0x20, 8, 0, 0, 0};
  EXPECT_EQ(message(0x05, fill),
            "the fill value needs 8 bytes but only 0 remain");
  fill = {9};
  EXPECT_EQ(message(0x05, fill), "a fill value message has version 9");
  EXPECT_EQ(message(0x04, {2, 0, 0, 0, 1, 2}), "");
  EXPECT_NE(message(0x04, {3, 0, 0, 0, 1, 2}), "");
}

TEST(H5HeaderCheckTest, LayoutMessages) {
  // version 3 contiguous: address, size
  Bytes layout = {3, 1};
  layout.resize(18, 0);
  EXPECT_EQ(message(0x08, layout), "");
  layout.pop_back();
  EXPECT_NE(message(0x08, layout), "");
  // compact: a 2-byte size, then that many bytes HDF5 memcpy's
  EXPECT_EQ(message(0x08, {3, 0, 2, 0, 7, 7}), "");
  EXPECT_EQ(message(0x08, {3, 0, 9, 0, 7, 7}),
            "compact data needs 9 bytes but only 2 remain");
  // chunked: rank, index address, dimensions (4 elements of 4 bytes)
  Bytes chunked = {3, 2, 2, 0x40, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0};
  H5ChunkIndex index;
  EXPECT_EQ(message(0x08, chunked, &index), "");
  EXPECT_EQ(index.btree, 0x40u);
  EXPECT_EQ(index.rank, 2u);
  // HDF5 refuses these too, but leaks the dataset it was opening (found by
  // fuzz_weights_h5).
  Bytes empty_chunk = chunked;
  empty_chunk[11] = 0;
  EXPECT_EQ(message(0x08, empty_chunk), "a chunk dimension is 0");
  Bytes huge_chunk = chunked;  // 2^30 elements of 4 bytes
  huge_chunk[11] = 0, huge_chunk[14] = 0x40;
  EXPECT_EQ(message(0x08, huge_chunk), "a chunk is 4 GiB or more");
  huge_chunk[14] = 0x3F;  // just under
  EXPECT_EQ(message(0x08, huge_chunk), "");
  chunked[2] = 40;
  EXPECT_EQ(message(0x08, chunked), "a chunked layout has rank 40");
  EXPECT_NE(message(0x08, {4, 2}).find("version 4 (not supported"),
            std::string::npos);
  EXPECT_EQ(message(0x08, {5}), "a layout has version 5");
}

TEST(H5HeaderCheckTest, FilterPipelineMessages) {
  // version 2, one deflate filter (id 1, unnamed) with one client value
  const Bytes deflate = {2, 1, 1, 0, 0, 0, 1, 0, 4, 0, 0, 0};
  EXPECT_EQ(message(0x0B, deflate), "");
  Bytes bad_count = deflate;
  bad_count[6] = 200;  // 200 client values HDF5 would read
  EXPECT_NE(message(0x0B, bad_count).find("filter client values"),
            std::string::npos);
  // version 2, a named filter (id 300) whose name has no NUL
  const Bytes named = {2, 1, 0x2c, 1, 2, 0, 0, 0, 0, 0, 'a', 'b'};
  EXPECT_EQ(message(0x0B, named),
            "a filter name is not NUL-terminated within its size");
  EXPECT_EQ(message(0x0B, {2, 33}), "a filter pipeline has 33 filters");
}

TEST(H5HeaderCheckTest, LinkExternalFileAndCommentMessages) {
  // a hard link named "ab": version 1, flags 0 (1-byte name size)
  Bytes link = {1, 0, 2, 'a', 'b'};
  link.resize(13, 0);
  EXPECT_EQ(message(0x06, link), "");
  link[2] = 0;
  EXPECT_EQ(message(0x06, link), "a link has an empty name");
  link[2] = 200;
  EXPECT_NE(message(0x06, link).find("a link name needs 200"),
            std::string::npos);
  // a soft link (flags: type present) whose target runs past the message
  EXPECT_NE(message(0x06, {1, 8, 1, 1, 'a', 9, 0, '/'}).find("link target"),
            std::string::npos);
  // an external link without data (fuzz_weights_h5: HDF5 read its
  // version byte through NULL)
  EXPECT_EQ(message(0x06, {1, 8, 64, 1, 'a', 0, 0}),
            "a soft, external or user-defined link has no target");
  // external file list: 1 slot allocated, 2 used
  Bytes efl = {1, 0, 0, 0, 1, 0, 2, 0};
  efl.resize(8 + 8 + 48, 0);
  EXPECT_EQ(message(0x07, efl), "an external file list uses 2 of 1 slots");
  EXPECT_EQ(message(0x0D, {'h', 'i', 0}), "");
  EXPECT_EQ(message(0x0D, {'h', 'i'}),
            "a comment is not NUL-terminated within its message");
}

// A chunk index (version 1 B-tree of type 1, K = 1) of one chunk of a
// rank-1 dataset (keys of size 8 + 2 x 8): node at 0, chunk at 120.
TEST(H5HeaderCheckTest, ChunkIndexesAreWalked) {
  Bytes file(140, 0);
  std::memcpy(file.data(), "TREE", 4);
  file[4] = 1;     // chunk index
  file[6] = 1;     // one child
  file[24] = 20;   // key 0: the chunk's 20 stored bytes
  file[48] = 120;  // child 0 at byte 120
  H5Geometry g;
  g.file_size = file.size();
  g.chunk_btree_k = 1;
  const auto read = [&](std::uint64_t at, std::size_t size,
                        unsigned char* out) {
    if (at > file.size() || size > file.size() - at) return false;
    std::memcpy(out, file.data() + at, size);
    return true;
  };
  H5ChunkIndex index;
  index.btree = 0;
  index.rank = 2;
  EXPECT_EQ(chunk_index_problem(read, g, index), "");
  file[24] = 21;
  EXPECT_EQ(chunk_index_problem(read, g, index),
            "its chunk of 21 bytes at byte 120 does not fit in the file (140 "
            "bytes)");
  file[24] = 20;
  file[5] = 1;  // level 1: the child (byte 120) must be a node
  EXPECT_NE(chunk_index_problem(read, g, index).find("B-tree node"),
            std::string::npos);
  file[5] = 0;
  file[4] = 0;  // a group node where chunks are expected
  EXPECT_EQ(chunk_index_problem(read, g, index),
            "its B-tree node at byte 0 is not a chunk index node");
  index.btree = H5ChunkIndex::kUndefined;  // no chunk written yet
  EXPECT_EQ(chunk_index_problem(read, g, index), "");
}

// The same check on a real file: the root group's heap size made huge.
TEST(H5HeaderCheckTest, CorruptLocalHeapOfRealFileIsRefused) {
  std::string bytes = legacy_file();
  const std::size_t heap = bytes.find("HEAP");
  ASSERT_NE(heap, std::string::npos);
  bytes[heap + 8 + 5] = 0x7f;  // data size += 0x7f << 40
  TempDir dir;
  const std::string path = dir.file("c.h5");
  write_file_atomic(path, bytes);
  expect_error<FormatError>([&] { H5File::open(path).has("model_weights"); },
                            "symbol table message");
}

TEST(H5HeaderCheckTest, IntactFilesOpen) {
  TempDir dir;
  const std::string path = dir.file("ok.h5");
  write_file_atomic(path, legacy_file());
  const H5File file = H5File::open(path);
  EXPECT_TRUE(file.read_string_attribute("/", "model_config").has_value());
  EXPECT_FALSE(file.attribute_names("/").empty());
  EXPECT_FALSE(file.children("model_weights").empty());
}

}  // namespace
}  // namespace keras::saving
