#include "keras/saving/zip_archive.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::saving {
namespace {

using keras::testing::error_of;
using keras::testing::read_text;
using keras::testing::TempDir;

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string shared(const std::string& rel) {
  return std::string(KERAS_SHARED_DIR) + "/" + rel;
}
std::string bad(const std::string& name) {
  return shared("fixtures/bad/" + name + "/model.keras");
}

// ---- a raw zip builder, for archives no well-behaved writer produces -------

std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k)
      crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
  }
  return crc ^ 0xFFFFFFFFu;
}

void le(std::string& out, std::uint64_t v, int width) {
  for (int i = 0; i < width; ++i)
    out.push_back(static_cast<char>(v >> (8 * i)));
}

// Deflate stream of one stored block: lets a test make method-8 members
// without a compressor.
std::string deflate_stored(const std::string& data) {
  std::string out = "\x01";
  le(out, data.size(), 2);
  le(out, ~data.size() & 0xFFFF, 2);
  return out + data;
}

struct RawMember {
  std::string name;
  std::string payload;  // bytes as stored
  std::uint16_t method = 0;
  std::uint32_t size = 0;  // declared uncompressed size
  std::uint32_t crc = 0;
};

RawMember stored(const std::string& name, const std::string& data) {
  return {name, data, 0, static_cast<std::uint32_t>(data.size()), crc32(data)};
}
RawMember deflated(const std::string& name, const std::string& data) {
  return {name, deflate_stored(data), 8,
          static_cast<std::uint32_t>(data.size()), crc32(data)};
}

// With `zip64`, every size and offset goes to ZIP64 extra fields and a ZIP64
// end record, as CPython writes archives larger than 2 GiB.
std::string build_zip(const std::vector<RawMember>& members,
                      bool zip64 = false) {
  const std::uint32_t big = 0xFFFFFFFFu;
  std::string out, cd;
  for (const RawMember& m : members) {
    std::string extra;
    if (zip64) {
      le(extra, 1, 2);
      le(extra, 24, 2);
      le(extra, m.size, 8);
      le(extra, m.payload.size(), 8);
      le(extra, out.size(), 8);
    }
    std::string fields;
    le(fields, zip64 ? 45 : 20, 2);
    le(fields, 0, 2);
    le(fields, m.method, 2);
    le(fields, 0, 4);  // time, date
    le(fields, m.crc, 4);
    le(fields, zip64 ? big : m.payload.size(), 4);
    le(fields, zip64 ? big : m.size, 4);
    le(fields, m.name.size(), 2);
    std::string local_extra = zip64 ? extra.substr(0, 20) : "";
    if (zip64) local_extra[2] = 16;
    std::uint64_t offset = out.size();
    le(out, 0x04034b50, 4);
    out += fields;
    le(out, local_extra.size(), 2);
    out += m.name + local_extra + m.payload;
    le(cd, 0x02014b50, 4);
    le(cd, 0x0300 | (zip64 ? 45 : 20), 2);
    cd += fields;
    le(cd, extra.size(), 2);
    le(cd, 0, 2);  // comment
    le(cd, 0, 4);  // disk, internal attr
    le(cd, 0600u << 16, 4);
    le(cd, zip64 ? big : offset, 4);
    cd += m.name + extra;
  }
  std::uint64_t cd_offset = out.size();
  out += cd;
  if (zip64) {
    std::uint64_t record = out.size();
    le(out, 0x06064b50, 4);
    le(out, 44, 8);
    le(out, 45, 2);
    le(out, 45, 2);
    le(out, 0, 8);
    le(out, members.size(), 8);
    le(out, members.size(), 8);
    le(out, cd.size(), 8);
    le(out, cd_offset, 8);
    le(out, 0x07064b50, 4);
    le(out, 0, 4);
    le(out, record, 8);
    le(out, 1, 4);
  }
  le(out, 0x06054b50, 4);
  le(out, 0, 4);
  le(out, zip64 ? 0xFFFF : members.size(), 2);
  le(out, zip64 ? 0xFFFF : members.size(), 2);
  le(out, zip64 ? big : cd.size(), 4);
  le(out, zip64 ? big : cd_offset, 4);
  le(out, 0, 2);
  return out;
}

// ---- reading the real fixtures ----------------------------------------------

TEST(ZipReaderTest, ReadsGuideModelMembersInOrder) {
  ZipReader zip(shared("fixtures/guide/a_get_model_fit_save/my_model.keras"));
  EXPECT_THAT(zip.names(),
              ElementsAre("metadata.json", "config.json", "model.weights.h5"));
  EXPECT_TRUE(zip.contains("config.json"));
  EXPECT_FALSE(zip.contains("assets"));
  std::string config = zip.read("config.json");
  EXPECT_EQ(
      config,
      read_text(shared("fixtures/guide/a_get_model_fit_save/config.json")));
  EXPECT_EQ(zip.read("metadata.json").size(), 64u);
  std::string weights = zip.read("model.weights.h5");
  EXPECT_EQ(weights.size(), 15788u);
  EXPECT_EQ(weights.substr(0, 8), std::string("\x89HDF\r\n\x1a\n", 8));
  EXPECT_EQ(zip.entries()[2].method, 0);
}

TEST(ZipReaderTest, ReadsDeflatedMembers) {
  ZipReader zip(bad("zip_deflated_members_loads"));
  ZipReader reference(bad("valid_reference"));
  ASSERT_EQ(zip.names(), reference.names());
  for (const std::string& name : zip.names()) {
    EXPECT_EQ(zip.entries()[0].method, 8);
    EXPECT_EQ(zip.read(name), reference.read(name)) << name;
  }
}

TEST(ZipReaderTest, OpensFromBuffer) {
  std::string bytes =
      read_text(shared("fixtures/guide/a_get_model_fit_save/my_model.keras"));
  ZipReader zip = ZipReader::from_buffer(bytes, "my_model.keras");
  EXPECT_EQ(zip.path(), "my_model.keras");
  EXPECT_EQ(zip.read("model.weights.h5").size(), 15788u);
}

TEST(ZipReaderTest, MissingMemberIsFormatError) {
  ZipReader zip(bad("valid_reference"));
  std::string message =
      error_of<FormatError>([&] { zip.read("assets/vocab.txt"); });
  EXPECT_THAT(message, HasSubstr("no member 'assets/vocab.txt'"));
  EXPECT_THAT(message, HasSubstr("config.json"));
}

// ---- bad fixtures ---------------------------------------------------------

TEST(ZipReaderTest, MissingFileIsFileError) {
  std::string path = bad("empty_file") + ".does-not-exist";
  EXPECT_EQ(error_of<FileError>([&] { ZipReader zip(path); }),
            "File not found: " + path);
}

TEST(ZipReaderTest, DirectoryIsFileError) {
  TempDir dir;
  EXPECT_THAT(error_of<FileError>([&] { ZipReader zip(dir.path().string()); }),
              HasSubstr("is a directory"));
}

TEST(ZipReaderTest, EmptyFileIsRefused) {
  std::string message =
      error_of<FormatError>([&] { ZipReader zip(bad("empty_file")); });
  EXPECT_THAT(message, HasSubstr(bad("empty_file")));
  EXPECT_THAT(message, HasSubstr("is not a valid .keras file"));
  EXPECT_THAT(message, HasSubstr("empty (0 bytes)"));
}

TEST(ZipReaderTest, NotAZipIsRefused) {
  std::string message =
      error_of<FormatError>([&] { ZipReader zip(bad("not_a_zip")); });
  EXPECT_EQ(message, bad("not_a_zip") +
                         " is not a valid .keras file: it is not a zip archive "
                         "(no end-of-central-directory record; the file may "
                         "be truncated)");
}

TEST(ZipReaderTest, TruncatedArchiveIsRefused) {
  std::string message =
      error_of<FormatError>([&] { ZipReader zip(bad("truncated_keras")); });
  EXPECT_THAT(message, HasSubstr("is not a valid .keras file"));
  EXPECT_THAT(message, HasSubstr("no end-of-central-directory record"));
  EXPECT_THAT(message, HasSubstr("truncated"));
}

TEST(ZipReaderTest, Hdf5WithKerasSuffixIsRefused) {
  std::string message = error_of<FormatError>(
      [&] { ZipReader zip(bad("hdf5_with_keras_suffix")); });
  EXPECT_THAT(message, HasSubstr("is not a valid .keras file"));
  EXPECT_THAT(message, HasSubstr("it is an HDF5 file, not a zip archive"));
}

TEST(ZipReaderTest, BadCrcIsRefusedNamingTheMember) {
  ZipReader zip(bad("zip_bad_crc"));
  EXPECT_EQ(zip.read("metadata.json").size(), 64u);  // intact member
  std::string message = error_of<FormatError>([&] { zip.read("config.json"); });
  EXPECT_THAT(message, HasSubstr("'config.json'"));
  EXPECT_THAT(message, HasSubstr("CRC"));
}

TEST(ZipReaderTest, DeclaredSizeBombIsRefusedAtOpen) {
  std::string message = error_of<FormatError>(
      [&] { ZipReader zip(bad("zip_bomb_declared_size")); });
  EXPECT_THAT(message, HasSubstr(bad("zip_bomb_declared_size")));
  EXPECT_THAT(message, HasSubstr("'model.weights.h5' declares 8.00 GiB"));
  EXPECT_THAT(message, HasSubstr("774 B are stored"));
  EXPECT_THAT(message, HasSubstr("decompression bomb"));
}

TEST(ZipReaderTest, MemberAboveSizeLimitIsRefused) {
  ZipLimits limits;
  limits.max_member_bytes = 1000;
  std::string message = error_of<FormatError>(
      [&] { ZipReader zip(bad("valid_reference"), limits); });
  EXPECT_THAT(message, HasSubstr("'config.json' declares 2.10 KiB"));
  EXPECT_THAT(message, HasSubstr("more than the limit of 1000 B"));
}

TEST(ZipReaderTest, TotalAboveLimitIsRefused) {
  ZipLimits limits;
  limits.max_total_bytes = 10000;
  EXPECT_THAT(
      error_of<FormatError>(
          [&] { ZipReader zip(bad("valid_reference"), limits); }),
      HasSubstr("in total (limit reached at member 'model.weights.h5')"));
}

TEST(ZipReaderTest, TooManyMembersIsRefused) {
  ZipLimits limits;
  limits.max_members = 2;
  EXPECT_THAT(error_of<FormatError>(
                  [&] { ZipReader zip(bad("valid_reference"), limits); }),
              HasSubstr("it has 3 members, more than the limit of 2"));
}

TEST(ZipReaderTest, PathTraversalIsRefused) {
  std::string message =
      error_of<FormatError>([&] { ZipReader zip(bad("zip_path_traversal")); });
  EXPECT_THAT(message, HasSubstr(bad("zip_path_traversal")));
  EXPECT_THAT(message, HasSubstr("'../../evil_traversal.txt'"));
  EXPECT_THAT(message, HasSubstr("'..' component (path traversal)"));
}

TEST(ZipReaderTest, DuplicateMemberNamesAreRefused) {
  std::string path = shared("corpus/files/12end__evil_keras__model.keras");
  std::string message = error_of<FormatError>([&] { ZipReader zip(path); });
  EXPECT_THAT(message, HasSubstr(path));
  EXPECT_THAT(message,
              HasSubstr("duplicate ZIP member name 'model.weights.npz'"));
}

// ---- crafted archives -------------------------------------------------------

TEST(ZipReaderTest, CraftedArchiveReads) {
  ZipReader zip = ZipReader::from_buffer(
      build_zip({stored("a.json", "{}"), deflated("b/c.bin", "hello")}));
  EXPECT_THAT(zip.names(), ElementsAre("a.json", "b/c.bin"));
  EXPECT_EQ(zip.read("a.json"), "{}");
  EXPECT_EQ(zip.read("b/c.bin"), "hello");
}

TEST(ZipReaderTest, ReadsZip64Archive) {
  ZipReader zip = ZipReader::from_buffer(
      build_zip({stored("a.json", "{}"), deflated("b.bin", "hello")}, true));
  EXPECT_THAT(zip.names(), ElementsAre("a.json", "b.bin"));
  EXPECT_EQ(zip.read("a.json"), "{}");
  EXPECT_EQ(zip.read("b.bin"), "hello");
}

// The bytes a stored range names, read straight from the file.
std::string bytes_at(const std::string& path, const ZipStoredRange& range) {
  return read_text(path).substr(range.offset, range.size);
}

TEST(ZipReaderTest, StoredRangeLocatesMemberBytesInTheFile) {
  const std::string path =
      shared("fixtures/guide/a_get_model_fit_save/my_model.keras");
  ZipReader zip(path);
  for (const std::string& name : zip.names()) {
    auto range = zip.stored_range(name);
    ASSERT_TRUE(range.has_value()) << name;
    EXPECT_EQ(bytes_at(path, *range), zip.read(name)) << name;
    zip.verify(name);
  }
}

TEST(ZipReaderTest, StoredRangeFollowsZip64OffsetsAndLocalExtraFields) {
  TempDir dir;
  const std::string path = dir.file("z64.keras");
  std::ofstream(path, std::ios::binary)
      << build_zip({stored("a.json", "{}"), stored("b.bin", "payload")}, true);
  ZipReader zip(path);
  auto range = zip.stored_range("b.bin");
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(bytes_at(path, *range), "payload");
}

TEST(ZipReaderTest, NoStoredRangeForDeflatedMembersOrBuffers) {
  ZipReader deflated_zip(bad("zip_deflated_members_loads"));
  EXPECT_FALSE(deflated_zip.stored_range("model.weights.h5").has_value());
  ZipReader memory = ZipReader::from_buffer(read_text(bad("valid_reference")));
  EXPECT_FALSE(memory.stored_range("model.weights.h5").has_value());
  EXPECT_THAT(error_of<FormatError>([&] { memory.stored_range("nope"); }),
              HasSubstr("has no member 'nope'"));
}

// Writes a copy of bad/valid_reference to `path` after `edit` changed its
// bytes (given where model.weights.h5 lies in them).
void write_edited_reference(
    const std::string& path,
    const std::function<void(std::string&, const ZipStoredRange&)>& edit) {
  std::string bytes = read_text(bad("valid_reference"));
  edit(bytes, ZipReader(bad("valid_reference"))
                  .stored_range("model.weights.h5")
                  .value());
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(ZipReaderTest, VerifyFindsAFlippedByteInAStoredMember) {
  TempDir dir;
  const std::string path = dir.file("flipped.keras");
  write_edited_reference(path, [](std::string& bytes, const auto& range) {
    bytes[range.offset + range.size - 3] ^= 0x40;  // inside the last dataset
  });
  ZipReader zip(path);
  zip.verify("config.json");
  EXPECT_THAT(error_of<FormatError>([&] { zip.verify("model.weights.h5"); }),
              HasSubstr("'model.weights.h5' fails its CRC-32 check"));
}

TEST(ZipReaderTest, StoredRangeOfACorruptLocalHeaderIsRefused) {
  TempDir dir;
  const std::string path = dir.file("local.keras");
  write_edited_reference(path, [](std::string& bytes, const auto& range) {
    // The local header's signature sits before the name and the data.
    const std::size_t header =
        bytes.rfind(std::string("PK\x03\x04", 4), range.offset);
    ASSERT_NE(header, std::string::npos);
    bytes[header] = 'X';
  });
  // libzip's consistency check refuses it when the archive opens, before any
  // in-place reader could trust the header.
  EXPECT_THAT(error_of<FormatError>([&] { ZipReader zip(path); }),
              HasSubstr(path + " is not a valid .keras file"));
}

TEST(ZipReaderTest, UnsafeNamesAreRefused) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/etc/passwd", "absolute path"},
      {"assets\\..\\x", "backslash"},
      {std::string("config.json\0.txt", 16), "NUL"},
      {"a/../../b", "path traversal"},
      {"..", "path traversal"},
      {"C:/x", "drive letter"},
  };
  for (const auto& [name, problem] : cases) {
    std::string message = error_of<FormatError>([&name = name] {
      ZipReader::from_buffer(build_zip({stored(name, "x")}), "crafted.keras");
    });
    EXPECT_THAT(message, HasSubstr("crafted.keras is not a valid .keras file"))
        << name;
    EXPECT_THAT(message, HasSubstr("unsafe ZIP member name")) << name;
    EXPECT_THAT(message, HasSubstr(problem)) << name;
  }
}

TEST(ZipReaderTest, DeflatedMemberLargerThanDeclaredIsRefused) {
  RawMember m = deflated("config.json", "0123456789");
  m.size = 4;
  std::string message = error_of<FormatError>([&] {
    ZipReader::from_buffer(build_zip({m}), "crafted.keras").read("config.json");
  });
  EXPECT_THAT(message, HasSubstr("'config.json'"));
  EXPECT_THAT(message, HasSubstr("more than its declared size of 4 bytes"));
}

TEST(ZipReaderTest, DeflatedMemberSmallerThanDeclaredIsRefused) {
  RawMember m = deflated("config.json", "0123456789");
  m.size = 20;
  std::string message = error_of<FormatError>([&] {
    ZipReader::from_buffer(build_zip({m}), "crafted.keras").read("config.json");
  });
  EXPECT_THAT(message, HasSubstr("'config.json'"));
  EXPECT_THAT(message, HasSubstr("declared size"));
}

TEST(ZipReaderTest, StoredMemberWithInconsistentSizesIsRefused) {
  RawMember m = stored("config.json", "0123456789");
  m.size = 20;
  EXPECT_THAT(
      error_of<FormatError>([&] { ZipReader::from_buffer(build_zip({m})); }),
      HasSubstr("'config.json' is stored uncompressed but declares 20"));
}

TEST(ZipReaderTest, CompressionRatioBombIsRefused) {
  ZipLimits limits;
  limits.ratio_check_min_bytes = 100;
  limits.max_compression_ratio = 2;
  RawMember m = deflated("w.h5", std::string(1000, 'a'));
  m.payload = deflate_stored(std::string(1000, 'a')).substr(0, 300);
  EXPECT_THAT(error_of<FormatError>(
                  [&] { ZipReader::from_buffer(build_zip({m}), "x", limits); }),
              HasSubstr("'w.h5' declares 1000 B but only 300 B are stored"));
}

TEST(ZipReaderTest, GarbageCentralDirectoryIsRefused) {
  std::string bytes = build_zip({stored("a", "x")});
  bytes[bytes.size() - 22 - 47] ^= 0x55;  // central header signature
  EXPECT_THAT(
      error_of<FormatError>([&] { ZipReader::from_buffer(bytes, "g"); }),
      HasSubstr("g is not a valid .keras file"));
}

// ---- writer ---------------------------------------------------------------

TEST(ZipWriterTest, WritesStoredMembersInOrder) {
  TempDir dir;
  std::string path = dir.file("out.keras");
  {
    ZipWriter writer(path);
    writer.add("metadata.json", "{\"keras_version\": \"3.15.1\"}");
    writer.add("config.json", "{}");
    writer.add("model.weights.h5", std::string(5000, '\x7f'));
    writer.add("assets/a/b.txt", "");
    writer.close();
  }
  ZipReader zip(path);
  EXPECT_THAT(zip.names(), ElementsAre("metadata.json", "config.json",
                                       "model.weights.h5", "assets/a/b.txt"));
  for (const ZipEntry& e : zip.entries()) EXPECT_EQ(e.method, 0) << e.name;
  EXPECT_EQ(zip.read("config.json"), "{}");
  EXPECT_EQ(zip.read("model.weights.h5"), std::string(5000, '\x7f'));
  EXPECT_EQ(zip.read("assets/a/b.txt"), "");
  // Only the archive is left in the directory (no temp files).
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()),
                          fs::directory_iterator()),
            1);
}

TEST(ZipWriterTest, HeadersMatchCPythonZipfile) {
  TempDir dir;
  std::string path = dir.file("out.keras");
  ZipWriter writer(path);
  writer.add("config.json", "{}");
  writer.close();
  std::string bytes = read_text(path);
  // Local header: version 20, flags 0, method 0, no extra field.
  EXPECT_EQ(bytes.substr(0, 4), "PK\x03\x04");
  EXPECT_EQ(bytes.substr(4, 2), std::string("\x14\0", 2));
  EXPECT_EQ(bytes.substr(6, 4), std::string(4, '\0'));
  EXPECT_EQ(bytes.substr(28, 2), std::string(2, '\0'));
  // Central header: made by Unix, external attributes 0o600 << 16.
  std::size_t cd = bytes.find("PK\x01\x02");
  ASSERT_NE(cd, std::string::npos);
  EXPECT_EQ(bytes[cd + 5], '\x03');
  EXPECT_EQ(bytes.substr(cd + 38, 4), std::string("\0\0\x80\x01", 4));
}

TEST(ZipWriterTest, ReplacesExistingFileOnlyOnClose) {
  TempDir dir;
  std::string path = dir.file("out.keras");
  { std::ofstream(path) << "old"; }
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
  {
    ZipWriter writer(path);
    writer.add("config.json", "{}");
    EXPECT_EQ(read_text(path), "old");
    writer.close();
  }
  EXPECT_EQ(ZipReader(path).read("config.json"), "{}");
  EXPECT_EQ(fs::status(path).permissions(),
            fs::perms::owner_read | fs::perms::owner_write);
}

// Writes `bytes` at `offset` of `fd` with pwrite (add_written's callbacks).
void put_at(int fd, std::uint64_t offset, const std::string& bytes) {
  ASSERT_EQ(::pwrite(fd, bytes.data(), bytes.size(), off_t(offset)),
            ssize_t(bytes.size()));
}

// A writer is abandoned when close() is never called, or when a member
// written in place fails.
TEST(ZipWriterTest, AbandonedWriterLeavesTargetUntouched) {
  for (bool failing_member : {false, true}) {
    TempDir dir;
    std::string path = dir.file("out.keras");
    { std::ofstream(path) << "old"; }
    {
      ZipWriter writer(path);
      writer.add("config.json", "{}");
      if (failing_member) {
        EXPECT_THROW(writer.add_written("model.weights.h5", 100,
                                        [](int fd, std::uint64_t offset) {
                                          put_at(fd, offset, "partial");
                                          throw FileError("disk full");
                                        }),
                     FileError);
        EXPECT_THROW(writer.close(), ValueError);
      }
    }
    EXPECT_EQ(read_text(path), "old") << failing_member;
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()),
                            fs::directory_iterator()),
              1)
        << failing_member;
  }
}

TEST(ZipWriterTest, WrittenMemberIsReadBackWithItsCrc) {
  TempDir dir;
  std::string path = dir.file("out.keras");
  {
    ZipWriter writer(path);
    writer.add("config.json", "{}");
    // Out of order, as HDF5 writes: the tail first, then the head.
    writer.add_written("model.weights.h5", 1 << 20,
                       [](int fd, std::uint64_t offset) {
                         put_at(fd, offset + 3000, std::string(2000, 'b'));
                         put_at(fd, offset, std::string(3000, 'a'));
                       });
    writer.add("after.txt", "tail");
    writer.close();
  }
  ZipReader zip(path);
  EXPECT_THAT(zip.names(),
              ElementsAre("config.json", "model.weights.h5", "after.txt"));
  EXPECT_EQ(zip.read("model.weights.h5"),
            std::string(3000, 'a') + std::string(2000, 'b'));
  EXPECT_NO_THROW(zip.verify("model.weights.h5"));
  EXPECT_EQ(zip.read("after.txt"), "tail");
  // The same bytes as add() writes (libzip checks the CRC on this read too).
  std::string added = dir.file("added.keras");
  {
    ZipWriter writer(added);
    writer.add("config.json", "{}");
    writer.add("model.weights.h5",
               std::string(3000, 'a') + std::string(2000, 'b'));
    writer.add("after.txt", "tail");
    writer.close();
  }
  EXPECT_EQ(read_text(path), read_text(added));
}

TEST(ZipWriterTest, WrittenMemberAboveTheZip64LimitBoundUsesZip64Fields) {
  TempDir dir;
  std::string path = dir.file("out.keras");
  {
    ZipWriter writer(path);
    writer.add_written(
        "w.h5", std::uint64_t{1} << 32,
        [](int fd, std::uint64_t offset) { put_at(fd, offset, "small"); });
    writer.close();
  }
  std::string bytes = read_text(path);
  EXPECT_EQ(bytes.substr(4, 2), std::string("\x2d\0", 2));  // version 45
  EXPECT_EQ(bytes.substr(18, 4), "\xff\xff\xff\xff");
  ZipReader zip(path);
  EXPECT_EQ(zip.read("w.h5"), "small");
  EXPECT_NO_THROW(zip.verify("w.h5"));
}

TEST(ZipWriterTest, RefusesBadAndDuplicateNames) {
  TempDir dir;
  ZipWriter writer(dir.file("out.keras"));
  writer.add("config.json", "{}");
  EXPECT_THAT(error_of<ValueError>([&] { writer.add("config.json", "{}"); }),
              HasSubstr("Duplicate ZIP member name 'config.json'"));
  EXPECT_THAT(error_of<ValueError>([&] { writer.add("../x", ""); }),
              HasSubstr("path traversal"));
  EXPECT_THAT(error_of<ValueError>([&] { writer.add("/x", ""); }),
              HasSubstr("absolute path"));
}

TEST(ZipWriterTest, UnwritableDirectoryIsFileError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
  std::string path = dir.file("out.keras");
  std::string message = error_of<FileError>([&] { ZipWriter writer(path); });
  EXPECT_THAT(message, HasSubstr(path));
  EXPECT_FALSE(fs::exists(path));
}

TEST(ZipWriterTest, MissingDirectoryIsFileError) {
  TempDir dir;
  std::string path = dir.file("no/such/dir/out.keras");
  EXPECT_THAT(error_of<FileError>([&] { ZipWriter writer(path); }),
              HasSubstr(path));
}

TEST(ZipWriterTest, WriteFailureIsFileErrorAndLeavesNothing) {
  // A file-size limit makes write() fail (EFBIG) like a full disk would.
  TempDir dir;
  std::string path = dir.file("out.keras");
  { std::ofstream(path) << "old"; }
  struct rlimit saved;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto previous = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string message;
  {
    ZipWriter writer(path);
    message = error_of<FileError>(
        [&] { writer.add("model.weights.h5", std::string(10000, 'x')); });
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous);
  EXPECT_THAT(message, HasSubstr("Could not write " + path));
  EXPECT_EQ(read_text(path), "old");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()),
                          fs::directory_iterator()),
            1);
}

}  // namespace
}  // namespace keras::saving
