// File: keras/saving/zip_archive.h
// -----------------------------------------------------------------------------
// The zip container of a .keras file (Python: the `zipfile.ZipFile` calls in
// keras/src/saving/saving_lib.py, including `_reject_zip_bomb`).
//
// ZipReader opens an archive from a path or from bytes, validates every
// member up front (names, sizes, bombs) and reads members by name, verifying
// their CRC-32. ZipWriter writes STORED members exactly as CPython's zipfile
// does for `model.save()`, atomically (temp file + fsync + rename).
//
//   keras::saving::ZipReader zip("model.keras");
//   std::string config = zip.read("config.json");
//
//   keras::saving::ZipWriter out("copy.keras");
//   out.add("metadata.json", metadata);
//   out.add("config.json", config);
//   out.add("model.weights.h5", std::move(weights));
//   out.close();  // nothing exists at "copy.keras" until this returns
//
// Every malformed or hostile archive raises keras::FormatError naming the
// archive (and the member when one is at fault); a missing or unreadable
// file raises keras::FileError.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keras/core/error.h"

namespace keras::saving {

// Limits applied when an archive is opened (to every member, before anything
// is inflated). The defaults accept every archive Keras 3.15 accepts for its
// config/weights members, and refuse what it calls a decompression bomb.
struct ZipLimits {
  // Largest declared uncompressed size of one member. A member is read into
  // memory whole, so this bounds a single allocation.
  std::uint64_t max_member_bytes = std::uint64_t{4} << 30;  // 4 GiB
  // Largest sum of declared uncompressed sizes over all members.
  std::uint64_t max_total_bytes = std::uint64_t{16} << 30;  // 16 GiB
  // A compressed member larger than `ratio_check_min_bytes` whose declared
  // size exceeds `max_compression_ratio` x its stored size is refused as a
  // bomb (Keras' `_reject_zip_extract_bomb`: 256 MiB and 100x). Real weights
  // compress at most ~10x; small members are never considered bombs.
  double max_compression_ratio = 100.0;
  std::uint64_t ratio_check_min_bytes = std::uint64_t{256} << 20;  // 256 MiB
  // Largest number of members (a .keras has 3 plus its assets).
  std::uint64_t max_members = 100000;
};

// One member as its central directory record declares it.
struct ZipEntry {
  std::string name;
  std::uint64_t size = 0;             // declared uncompressed bytes
  std::uint64_t compressed_size = 0;  // bytes stored in the archive
  std::uint16_t method = 0;           // 0 = stored, 8 = deflate, ...
  std::uint32_t crc32 = 0;
};

// Where the bytes of an uncompressed (STORED) member lie in the archive file.
struct ZipStoredRange {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

class ZipReader {
 public:
  // Opens the archive at `path`. Throws FileError when it does not exist or
  // cannot be read, FormatError when it is not a valid, safe zip archive.
  explicit ZipReader(const std::string& path, const ZipLimits& limits = {});
  // Opens an archive held in memory; `display_name` names it in messages.
  static ZipReader from_buffer(std::string bytes,
                               const std::string& display_name = "<memory>",
                               const ZipLimits& limits = {});

  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;
  ~ZipReader();

  // The path (or display name) given when opening.
  const std::string& path() const;
  // Member names in archive (central directory) order.
  std::vector<std::string> names() const;
  const std::vector<ZipEntry>& entries() const;
  bool contains(const std::string& name) const;
  // The member's bytes, inflated and CRC-checked. Throws FormatError when the
  // member is absent, corrupt, or inflates to a size other than declared.
  std::string read(const std::string& name) const;
  // For a STORED member of an archive opened from a path: where its bytes
  // lie in the file, so that they can be read in place (a .keras file's
  // model.weights.h5, see keras/saving/h5_range_driver.h). nullopt for a
  // compressed member or an archive held in memory. In-place readers do not
  // check the CRC-32: call verify() for that.
  std::optional<ZipStoredRange> stored_range(const std::string& name) const;
  // Reads the member through without keeping it and checks its CRC-32 and
  // size; throws FormatError as read() does.
  void verify(const std::string& name) const;

 private:
  struct Impl;
  explicit ZipReader(std::unique_ptr<Impl> impl);
  // Index of member `name`; FormatError listing the members when absent.
  std::size_t member_index(const std::string& name) const;
  std::unique_ptr<Impl> impl_;
};

class ZipWriter {
 public:
  // Starts an archive that will replace `path` when close() succeeds. The
  // data goes to a temporary file beside `path`; throws FileError when it
  // cannot be created.
  explicit ZipWriter(const std::string& path);
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;
  // Without a successful close(), removes the temporary file and leaves
  // `path` untouched.
  ~ZipWriter();

  // Appends a STORED member (members keep the order of the calls). Throws
  // ValueError for an unsafe or duplicate name, FileError on write errors.
  void add(const std::string& name, std::string bytes);
  // Appends a STORED member that `write` puts into the archive itself: it is
  // handed the archive's descriptor and the offset where the member's bytes
  // begin, writes them there with pwrite (in any order; the member ends
  // where the file ends when it returns) and must not write before that
  // offset. The CRC-32 is computed from the written bytes. `max_size` bounds
  // the member's size (it decides the ZIP64 fields before the size is
  // known). If `write` throws, the archive is abandoned as by a failed
  // close() and the exception propagates.
  void add_written(
      const std::string& name, std::uint64_t max_size,
      const std::function<void(int fd, std::uint64_t offset)>& write);
  // Writes the central directory, fsyncs, and renames the archive over
  // `path`. Throws FileError naming the path on failure (the target is then
  // untouched).
  void close();

  const std::string& path() const { return path_; }

 private:
  struct Member;
  void check_new_member(const std::string& name) const;
  static std::string local_header(const Member& m);
  void write_bytes(const void* data, std::size_t size);
  void fail_cleanup() noexcept;

  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  std::uint64_t offset_ = 0;
  std::vector<Member> members_;
  bool closed_ = false;
};

// Why `name` is not an acceptable member name ("" when it is): absolute
// paths, `..` components, backslashes, NUL bytes, empty names.
std::string zip_member_name_problem(const std::string& name);

}  // namespace keras::saving
