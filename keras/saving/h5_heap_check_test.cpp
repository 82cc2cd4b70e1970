// Regression tests of corruption_test's HDF5 crash: a global heap object
// whose size was bit-flipped made HDF5 1.10 memcpy past its buffers.
#include "keras/saving/h5_heap_check.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/file_utils.h"

namespace keras::saving {
namespace {

using testing::expect_error;
using testing::fixture;

const std::string& legacy_mlp_file() {
  static const std::string bytes =
      read_file(fixture("weights/legacy_h5_sequential_mlp/model.h5"));
  return bytes;
}

// The offset of the size field of the heap object holding `text`.
std::size_t object_size_field(const std::string& bytes,
                              const std::string& text) {
  const std::size_t at = bytes.find(text);
  EXPECT_NE(at, std::string::npos);
  return at - 8;
}

TEST(GlobalHeapCheckTest, IntactFilesPass) {
  EXPECT_EQ(
      global_heap_problem(legacy_mlp_file().data(), legacy_mlp_file().size()),
      "");
  const std::string weights =
      read_file(fixture("bad/valid_reference/model.weights.h5"));
  EXPECT_EQ(global_heap_problem(weights.data(), weights.size()), "");
  // "GCOL" in data without a plausible header is not a collection.
  const std::string noise = "xxGCOL\x07zzzzzzzzzzzzzzzzzzzz";
  EXPECT_EQ(global_heap_problem(noise.data(), noise.size()), "");
}

TEST(GlobalHeapCheckTest, OversizedObjectIsRefusedBeforeHdf5ReadsIt) {
  std::string bytes = legacy_mlp_file();
  bytes[object_size_field(bytes, "mlp/dense_2/bias") + 5] ^= 0x40;
  EXPECT_NE(global_heap_problem(bytes.data(), bytes.size()), "");
  testing::TempDir dir;
  write_file_atomic(dir.file("m.h5"), bytes);
  expect_error<FormatError>([&] { load_model(dir.file("m.h5")); },
                            "do not fit in the collection");
  expect_error<FormatError>([&] { H5File::open_image(bytes, "image"); },
                            "global heap collection");
}

TEST(GlobalHeapCheckTest, ZeroSizedFreeSpaceIsRefused) {
  std::string bytes = legacy_mlp_file();
  // The free-space object (index 0) follows the last object: find it by
  // walking is what the check does; here zero every size field after the
  // last string instead, which must also be refused.
  const std::size_t size_at = object_size_field(bytes, "mlp/dense_1/kernel");
  for (int i = 0; i < 8; ++i) bytes[size_at + i] = 0;
  bytes[size_at - 8] = 0;  // index 0: a free-space object of size 0
  bytes[size_at - 7] = 0;
  EXPECT_NE(global_heap_problem(bytes.data(), bytes.size()), "");
}

// The raw heap ID of "mlp/dense_2/bias" (16 bytes, collection at 2048,
// object 14) in the layer's weight_names attribute.
std::size_t heap_id_of_dense_2_bias(const std::string& bytes) {
  const std::string id("\x10\0\0\0\0\x08\0\0\0\0\0\0\x0e\0\0\0", 16);
  const std::size_t at = bytes.find(id);
  EXPECT_NE(at, std::string::npos);
  return at;
}

TEST(GlobalHeapCheckTest, CorruptHeapIdsInAttributesAreRefused) {
  testing::TempDir dir;
  const std::string path = dir.file("m.h5");
  struct Damage {
    std::size_t offset;
    char value;
    const char* message;
  };
  for (const Damage& d : {Damage{12, '\x7f', "does not have"},
                          Damage{0, '\x01', "declares 1 elements"},
                          Damage{0, '\0', "declares 0 elements"},
                          Damage{5, '\x09', "no valid global heap"}}) {
    std::string bytes = legacy_mlp_file();
    bytes[heap_id_of_dense_2_bias(bytes) + d.offset] = d.value;
    write_file_atomic(path, bytes);
    expect_error<FormatError>([&] { load_model(path); }, d.message);
  }
}

}  // namespace
}  // namespace keras::saving
