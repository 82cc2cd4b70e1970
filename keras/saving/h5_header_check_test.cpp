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
