#include "keras/saving/zip_archive.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "keras/saving/crc32.h"

namespace keras::saving {
namespace {

constexpr std::uint32_t kLocalHeaderSig = 0x04034b50;
constexpr std::uint32_t kCentralHeaderSig = 0x02014b50;
constexpr std::uint32_t kEndSig = 0x06054b50;
constexpr std::uint32_t kZip64EndSig = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSig = 0x07064b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kZip64EndSize = 56;
constexpr std::size_t kZip64LocatorSize = 20;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::size_t kMaxCommentSize = 0xFFFF;
// The central directory is read into memory whole; 100000 members with
// ordinary names need ~10 MiB, so 256 MiB only refuses absurd archives.
constexpr std::uint64_t kMaxCentralDirectoryBytes = std::uint64_t{256} << 20;

std::string zip_format_bytes(std::uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 6) {
    value /= 1024.0;
    ++unit;
  }
  char buffer[64];
  if (unit == 0) {
    std::snprintf(buffer, sizeof buffer, "%llu B",
                  static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.2f %s", value, units[unit]);
  }
  return buffer;
}

// ---- little-endian field access -------------------------------------------

std::uint64_t read_le(std::string_view bytes, std::size_t offset,
                      std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    value |= std::uint64_t{static_cast<unsigned char>(bytes[offset + i])}
             << (8 * i);
  }
  return value;
}
std::uint16_t le16(std::string_view b, std::size_t o) {
  return static_cast<std::uint16_t>(read_le(b, o, 2));
}
std::uint32_t le32(std::string_view b, std::size_t o) {
  return static_cast<std::uint32_t>(read_le(b, o, 4));
}
std::uint64_t le64(std::string_view b, std::size_t o) {
  return read_le(b, o, 8);
}

void put_le(std::string& out, std::uint64_t value, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i) {
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  }
}

// ---- random access to the archive bytes ------------------------------------

// The raw archive, from memory or from an open file descriptor. Used to parse
// the central directory ourselves: libzip does not expose raw name lengths
// (a NUL inside a name would silently truncate it) and we want every size
// check done before libzip touches member data.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::uint64_t size() const = 0;
  // Exactly `count` bytes at `offset` (the caller checks the bounds).
  virtual std::string read_at(std::uint64_t offset,
                              std::size_t count) const = 0;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t size() const override { return bytes_.size(); }
  std::string read_at(std::uint64_t offset, std::size_t count) const override {
    return std::string(bytes_.substr(offset, count));
  }

 private:
  std::string_view bytes_;
};

class FileSource : public ByteSource {
 public:
  FileSource(int fd, std::uint64_t size, std::string path)
      : fd_(fd), size_(size), path_(std::move(path)) {}
  std::uint64_t size() const override { return size_; }
  std::string read_at(std::uint64_t offset, std::size_t count) const override {
    std::string out(count, '\0');
    std::size_t done = 0;
    while (done < count) {
      ssize_t n = ::pread(fd_, out.data() + done, count - done,
                          static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        throw FileError(str("Could not read ", path_, ": ",
                            n < 0 ? std::strerror(errno) : "unexpected end"));
      }
      done += static_cast<std::size_t>(n);
    }
    return out;
  }

 private:
  int fd_;
  std::uint64_t size_;
  std::string path_;
};

// ---- central directory parsing ---------------------------------------------

struct Directory {
  std::uint64_t count = 0;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

class CentralDirectoryParser {
 public:
  CentralDirectoryParser(const ByteSource& source, const std::string& path,
                         const ZipLimits& limits)
      : source_(source), path_(path), limits_(limits) {}

  std::vector<ZipEntry> parse() {
    Directory dir = locate_directory();
    if (dir.count > limits_.max_members) {
      fail(str("it has ", dir.count, " members, more than the limit of ",
               limits_.max_members));
    }
    if (dir.size > kMaxCentralDirectoryBytes) {
      fail(str("its central directory is ", zip_format_bytes(dir.size),
               ", more than the limit of ",
               zip_format_bytes(kMaxCentralDirectoryBytes)));
    }
    if (dir.count * kCentralHeaderSize > dir.size) {
      fail(
          "its central directory is too small for the number of members it "
          "declares (the file is corrupt)");
    }
    std::string cd = source_.read_at(dir.offset, dir.size);
    std::vector<ZipEntry> entries;
    entries.reserve(dir.count);
    std::size_t pos = 0;
    for (std::uint64_t i = 0; i < dir.count; ++i) {
      entries.push_back(parse_entry(cd, pos));
    }
    return entries;
  }

  // Flags (general purpose bits) of each entry, parallel to parse()'s result.
  const std::vector<std::uint16_t>& flags() const { return flags_; }
  // Offset of each entry's local header, parallel to parse()'s result.
  const std::vector<std::uint64_t>& header_offsets() const {
    return header_offsets_;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw FormatError(str(path_, " is not a valid .keras file: ", what));
  }

 private:
  Directory locate_directory() {
    const std::uint64_t n = source_.size();
    if (n == 0) fail("the file is empty (0 bytes)");
    const std::size_t tail_size = static_cast<std::size_t>(
        std::min<std::uint64_t>(n, kEndSize + kMaxCommentSize));
    const std::uint64_t tail_start = n - tail_size;
    std::string tail = source_.read_at(tail_start, tail_size);
    std::size_t end = find_end_record(tail);
    if (end == std::string::npos) fail(not_a_zip_reason());

    if (le16(tail, end + 4) != 0 || le16(tail, end + 6) != 0) {
      fail("multi-disk (spanned) zip archives are not supported");
    }
    Directory dir{le16(tail, end + 10), le32(tail, end + 16),
                  le32(tail, end + 12)};
    std::uint64_t directory_end = tail_start + end;
    if (end >= kZip64LocatorSize &&
        le32(tail, end - kZip64LocatorSize) == kZip64LocatorSig) {
      directory_end = read_zip64_end(tail, end - kZip64LocatorSize, dir);
    }
    if (dir.offset > directory_end || dir.size > directory_end - dir.offset) {
      fail(
          "its central directory lies outside the file (the file is "
          "truncated or corrupt)");
    }
    return dir;
  }

  // Position of the end-of-central-directory record in `tail`, searching
  // backwards past a possible archive comment (as CPython's zipfile does).
  static std::size_t find_end_record(std::string_view tail) {
    if (tail.size() < kEndSize) return std::string::npos;
    for (std::size_t pos = tail.size() - kEndSize + 1; pos-- > 0;) {
      if (le32(tail, pos) != kEndSig) continue;
      if (pos + kEndSize + le16(tail, pos + 20) <= tail.size()) return pos;
    }
    return std::string::npos;
  }

  std::string not_a_zip_reason() const {
    std::string head = source_.read_at(
        0,
        static_cast<std::size_t>(std::min<std::uint64_t>(source_.size(), 8)));
    if (head == std::string("\x89HDF\r\n\x1a\n", 8)) {
      return "it is an HDF5 file, not a zip archive (a .weights.h5 or legacy "
             ".h5 file renamed to .keras?)";
    }
    if (head.rfind("PK\x03\x04", 0) == 0) {
      return "it is not a complete zip archive (no end-of-central-directory "
             "record; the file is truncated)";
    }
    return "it is not a zip archive (no end-of-central-directory record; the "
           "file may be truncated)";
  }

  // Reads the ZIP64 end record the locator at `locator` points to; updates
  // `dir` and returns where the ZIP64 end record starts.
  std::uint64_t read_zip64_end(std::string_view tail, std::size_t locator,
                               Directory& dir) {
    std::uint64_t record = le64(tail, locator + 8);
    if (record > source_.size() || source_.size() - record < kZip64EndSize) {
      fail("its ZIP64 end-of-central-directory record lies outside the file");
    }
    std::string z = source_.read_at(record, kZip64EndSize);
    if (le32(z, 0) != kZip64EndSig) {
      fail("its ZIP64 end-of-central-directory record is corrupt");
    }
    dir.count = le64(z, 32);
    dir.size = le64(z, 40);
    dir.offset = le64(z, 48);
    return record;
  }

  ZipEntry parse_entry(std::string_view cd, std::size_t& pos) {
    if (cd.size() - pos < kCentralHeaderSize ||
        le32(cd, pos) != kCentralHeaderSig) {
      fail("its central directory is corrupt");
    }
    const std::size_t name_len = le16(cd, pos + 28);
    const std::size_t extra_len = le16(cd, pos + 30);
    const std::size_t comment_len = le16(cd, pos + 32);
    const std::size_t record =
        kCentralHeaderSize + name_len + extra_len + comment_len;
    if (cd.size() - pos < record) fail("its central directory is corrupt");

    ZipEntry entry;
    entry.method = le16(cd, pos + 10);
    entry.crc32 = le32(cd, pos + 16);
    entry.compressed_size = le32(cd, pos + 20);
    entry.size = le32(cd, pos + 24);
    entry.name = std::string(cd.substr(pos + kCentralHeaderSize, name_len));
    std::uint64_t header_offset = le32(cd, pos + 42);
    apply_zip64_extra(cd.substr(pos + kCentralHeaderSize + name_len, extra_len),
                      entry, header_offset);
    flags_.push_back(le16(cd, pos + 8));
    header_offsets_.push_back(header_offset);
    pos += record;
    return entry;
  }

  // Replaces 0xFFFFFFFF sizes and local header offset by the 64-bit values
  // of the ZIP64 extra field (which holds only those that overflowed, in
  // this order).
  void apply_zip64_extra(std::string_view extra, ZipEntry& entry,
                         std::uint64_t& header_offset) {
    const bool need_size = entry.size == 0xFFFFFFFFu;
    const bool need_csize = entry.compressed_size == 0xFFFFFFFFu;
    const bool need_offset = header_offset == 0xFFFFFFFFu;
    if (!need_size && !need_csize && !need_offset) return;
    for (std::size_t p = 0; p + 4 <= extra.size();) {
      const std::uint16_t id = le16(extra, p);
      const std::size_t len = le16(extra, p + 2);
      if (extra.size() - p - 4 < len) break;
      if (id == 0x0001) {
        std::string_view data = extra.substr(p + 4, len);
        std::size_t q = 0;
        if (need_size) {
          if (q + 8 > data.size()) break;
          entry.size = le64(data, q);
          q += 8;
        }
        if (need_csize) {
          if (q + 8 > data.size()) break;
          entry.compressed_size = le64(data, q);
          q += 8;
        }
        if (need_offset) {
          if (q + 8 > data.size()) break;
          header_offset = le64(data, q);
        }
        return;
      }
      p += 4 + len;
    }
    fail(str("ZIP member '", entry.name,
             "' lacks the ZIP64 extra field its sizes require"));
  }

  const ByteSource& source_;
  const std::string& path_;
  const ZipLimits& limits_;
  std::vector<std::uint16_t> flags_;
  std::vector<std::uint64_t> header_offsets_;
};

// ---- libzip helpers ---------------------------------------------------------

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

}  // namespace

std::string zip_member_name_problem(const std::string& name) {
  if (name.empty()) return "the name is empty";
  if (name.find('\0') != std::string::npos) return "the name contains a NUL";
  if (name.find('\\') != std::string::npos) {
    return "the name contains a backslash";
  }
  if (name.front() == '/') return "the name is an absolute path";
  if (name.size() >= 2 && name[1] == ':') {
    return "the name starts with a drive letter";
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    if (name.compare(start, end - start, "..") == 0) {
      return "the name has a '..' component (path traversal)";
    }
    start = end + 1;
  }
  return "";
}

// ============================================================================
// ZipReader
// ============================================================================

struct ZipReader::Impl {
  std::string path;
  ZipLimits limits;
  std::string buffer;  // the archive, when opened from memory
  int fd = -1;         // the archive, when opened from a path
  zip_t* archive = nullptr;
  std::vector<ZipEntry> entries;
  std::vector<std::uint64_t> header_offsets;  // parallel to entries
  std::uint64_t archive_size = 0;
  std::unordered_map<std::string, std::size_t> index;
  mutable std::mutex mutex;  // a zip_t must not be used concurrently

  ~Impl() {
    if (archive != nullptr) zip_discard(archive);
    if (fd >= 0) ::close(fd);
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw FormatError(str(path, " is not a valid .keras file: ", what));
  }

  void open(const ByteSource& source) {
    CentralDirectoryParser parser(source, path, limits);
    entries = parser.parse();
    header_offsets = parser.header_offsets();
    archive_size = source.size();
    validate_entries(parser.flags());
    open_libzip();
    cross_check();
  }

  void validate_entries(const std::vector<std::uint16_t>& flags) {
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const ZipEntry& e = entries[i];
      std::string problem = zip_member_name_problem(e.name);
      if (!problem.empty()) {
        fail(
            str("unsafe ZIP member name '", printable(e.name), "': ", problem));
      }
      if (!index.emplace(e.name, i).second) {
        fail(str("duplicate ZIP member name '", e.name,
                 "' (an archive with two members of the same name is "
                 "ambiguous and is refused)"));
      }
      if (flags[i] & 0x1) fail(str("ZIP member '", e.name, "' is encrypted"));
      validate_sizes(e);
      total += std::min(e.size, limits.max_total_bytes + 1);
      if (total > limits.max_total_bytes) {
        fail(str("its members declare more than ",
                 zip_format_bytes(limits.max_total_bytes),
                 " in total (limit reached at member '", e.name, "')"));
      }
    }
  }

  void validate_sizes(const ZipEntry& e) const {
    if (e.method == 0 && e.size != e.compressed_size) {
      fail(str("ZIP member '", e.name, "' is stored uncompressed but declares ",
               e.size, " bytes while storing ", e.compressed_size));
    }
    const bool bomb = e.size > limits.ratio_check_min_bytes &&
                      static_cast<double>(e.size) >
                          limits.max_compression_ratio *
                              static_cast<double>(e.compressed_size);
    if (bomb) {
      fail(str("ZIP member '", e.name, "' declares ", zip_format_bytes(e.size),
               " but only ", zip_format_bytes(e.compressed_size),
               " are stored; refusing a potential decompression bomb"));
    }
    if (e.size > limits.max_member_bytes) {
      fail(str("ZIP member '", e.name, "' declares ", zip_format_bytes(e.size),
               ", more than the limit of ",
               zip_format_bytes(limits.max_member_bytes)));
    }
  }

  static std::string printable(const std::string& name) {
    std::string out;
    for (char c : name) {
      if (c == '\0') {
        out += "\\0";
      } else {
        out += c;
      }
    }
    return out;
  }

  void open_libzip() {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = nullptr;
    if (fd < 0) {
      source =
          zip_source_buffer_create(buffer.data(), buffer.size(), 0, &error);
    } else {
      int copy = ::dup(fd);
      FILE* file = copy >= 0 ? ::fdopen(copy, "rb") : nullptr;
      if (file == nullptr) {
        if (copy >= 0) ::close(copy);
        zip_error_fini(&error);
        throw FileError(
            str("Could not read ", path, ": ", std::strerror(errno)));
      }
      source = zip_source_filep_create(file, 0, -1, &error);
      if (source == nullptr) std::fclose(file);
    }
    if (source != nullptr) {
      archive =
          zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
      if (archive == nullptr) zip_source_free(source);
    }
    if (archive == nullptr) {
      std::string message = zip_error_strerror(&error);
      zip_error_fini(&error);
      fail(str("the zip archive is corrupt (", message, ")"));
    }
    zip_error_fini(&error);
  }

  // Our parse and libzip's must describe the same members, or a crafted
  // archive could show one set of names to the checks and another to reads.
  void cross_check() const {
    zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count < 0 || static_cast<std::uint64_t>(count) != entries.size()) {
      fail("its central directory is inconsistent");
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
      zip_stat_t st;
      zip_stat_init(&st);
      const char* name = zip_get_name(archive, i, ZIP_FL_ENC_RAW);
      if (name == nullptr || entries[i].name != name ||
          zip_stat_index(archive, i, ZIP_FL_UNCHANGED, &st) != 0 ||
          st.size != entries[i].size ||
          st.comp_size != entries[i].compressed_size) {
        fail(str("its central directory is inconsistent at member '",
                 entries[i].name, "'"));
      }
    }
  }

  // libzip's reader of member `i` (the caller holds `mutex`).
  ZipFilePtr open_member(std::size_t i) const {
    ZipFilePtr file(zip_fopen_index(archive, i, 0));
    if (!file) {
      fail(str("ZIP member '", entries[i].name,
               "' cannot be opened: ", zip_strerror(archive)));
    }
    return file;
  }

  std::string read_member(std::size_t i) const {
    const ZipEntry& e = entries[i];
    std::lock_guard<std::mutex> lock(mutex);
    ZipFilePtr file = open_member(i);
    // Never more than the declared size (already checked against the
    // limits): a member that inflates further is refused below.
    std::string out(static_cast<std::size_t>(e.size), '\0');
    std::uint64_t done = 0;
    while (done < e.size) {
      const std::uint64_t chunk =
          std::min<std::uint64_t>(e.size - done, std::uint64_t{64} << 20);
      zip_int64_t n = zip_fread(file.get(), out.data() + done, chunk);
      if (n < 0) member_read_error(e, file.get());
      if (n == 0) {
        fail(str("ZIP member '", e.name,
                 "' is shorter than its declared "
                 "size (",
                 done, " of ", e.size, " bytes)"));
      }
      done += static_cast<std::uint64_t>(n);
    }
    // One more read reaches the end of the member, where libzip verifies
    // the CRC-32 (and reveals data beyond the declared size).
    char extra;
    zip_int64_t n = zip_fread(file.get(), &extra, 1);
    if (n < 0) member_read_error(e, file.get());
    if (n > 0) {
      fail(str("ZIP member '", e.name,
               "' inflates to more than its declared size of ", e.size,
               " bytes"));
    }
    return out;
  }

  std::optional<ZipStoredRange> stored_range(std::size_t i) const {
    const ZipEntry& e = entries[i];
    if (fd < 0 || e.method != 0) return std::nullopt;
    const std::uint64_t header = header_offsets[i];
    if (header > archive_size || archive_size - header < kLocalHeaderSize) {
      fail(str("ZIP member '", e.name, "' starts beyond the end of the file"));
    }
    const std::string local =
        FileSource(fd, archive_size, path).read_at(header, kLocalHeaderSize);
    if (le32(local, 0) != kLocalHeaderSig || le16(local, 8) != 0) {
      fail(str("ZIP member '", e.name,
               "' has a corrupt local header (it does not match the central "
               "directory)"));
    }
    const std::uint64_t data =
        header + kLocalHeaderSize + le16(local, 26) + le16(local, 28);
    if (data > archive_size || archive_size - data < e.size) {
      fail(str("ZIP member '", e.name,
               "' extends past the end of the file (the archive is "
               "truncated)"));
    }
    return ZipStoredRange{data, e.size};
  }

  // Checks member `i`'s CRC-32: a stored member of a file is read in place
  // (the weights member of a .keras file, checked on a second thread while
  // the weights load), anything else streams through libzip, which checks
  // the CRC-32 at the end.
  void verify_member(std::size_t i) const {
    const ZipEntry& e = entries[i];
    if (std::optional<ZipStoredRange> range = stored_range(i)) {
      if (crc32_of_file_range(fd, range->offset, range->size, path) !=
          e.crc32) {
        fail_crc(e);
      }
      return;
    }
    std::lock_guard<std::mutex> lock(mutex);
    ZipFilePtr file = open_member(i);
    std::vector<char> buffer(std::size_t{1} << 20);
    std::uint64_t done = 0;
    for (;;) {
      zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
      if (n < 0) member_read_error(e, file.get());
      if (n == 0) break;
      done += static_cast<std::uint64_t>(n);
      if (done > e.size) {
        fail(str("ZIP member '", e.name,
                 "' inflates to more than its declared size of ", e.size,
                 " bytes"));
      }
    }
    if (done != e.size) {
      fail(str("ZIP member '", e.name, "' is shorter than its declared size (",
               done, " of ", e.size, " bytes)"));
    }
  }

  [[noreturn]] void fail_crc(const ZipEntry& e) const {
    fail(str("ZIP member '", e.name,
             "' fails its CRC-32 check (bad CRC; the archive is corrupt)"));
  }

  [[noreturn]] void member_read_error(const ZipEntry& e,
                                      zip_file_t* file) const {
    zip_error_t* error = zip_file_get_error(file);
    const int code = zip_error_code_zip(error);
    if (code == ZIP_ER_CRC) fail_crc(e);
    if (code == ZIP_ER_INCONS) {
      fail(str("ZIP member '", e.name,
               "' inflates to a size other than declared (", e.size,
               " bytes)"));
    }
    fail(str("ZIP member '", e.name,
             "' cannot be read: ", zip_error_strerror(error)));
  }
};

ZipReader::ZipReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ZipReader::ZipReader(const std::string& path, const ZipLimits& limits)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->limits = limits;
  // O_NONBLOCK: opening a FIFO must not hang; it is refused below.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      throw FileError(str("File not found: ", path));
    }
    throw FileError(str("Could not open ", path, ": ", std::strerror(errno)));
  }
  impl_->fd = fd;
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    throw FileError(str("Could not stat ", path, ": ", std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) {
    throw FileError(str(path, " is a directory, not a .keras file"));
  }
  if (!S_ISREG(st.st_mode)) {
    throw FileError(str(path, " is not a regular file"));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  FileSource source(fd, static_cast<std::uint64_t>(st.st_size), path);
  impl_->open(source);
}

ZipReader ZipReader::from_buffer(std::string bytes,
                                 const std::string& display_name,
                                 const ZipLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->path = display_name;
  impl->limits = limits;
  impl->buffer = std::move(bytes);
  MemorySource source(impl->buffer);
  impl->open(source);
  return ZipReader(std::move(impl));
}

ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;
ZipReader::~ZipReader() = default;

const std::string& ZipReader::path() const { return impl_->path; }

std::vector<std::string> ZipReader::names() const {
  std::vector<std::string> out;
  out.reserve(impl_->entries.size());
  for (const ZipEntry& e : impl_->entries) out.push_back(e.name);
  return out;
}

const std::vector<ZipEntry>& ZipReader::entries() const {
  return impl_->entries;
}

bool ZipReader::contains(const std::string& name) const {
  return impl_->index.count(name) > 0;
}

std::optional<ZipStoredRange> ZipReader::stored_range(
    const std::string& name) const {
  return impl_->stored_range(member_index(name));
}

void ZipReader::verify(const std::string& name) const {
  impl_->verify_member(member_index(name));
}

std::string ZipReader::read(const std::string& name) const {
  return impl_->read_member(member_index(name));
}

std::size_t ZipReader::member_index(const std::string& name) const {
  auto it = impl_->index.find(name);
  if (it == impl_->index.end()) {
    throw FormatError(str(
        impl_->path, " has no member '", name, "' (members: ",
        [&] {
          std::string list;
          for (const ZipEntry& e : impl_->entries) {
            list += (list.empty() ? "" : ", ") + e.name;
          }
          return list;
        }(),
        ")"));
  }
  return it->second;
}

// ============================================================================
// ZipWriter
// ============================================================================
//
// Written by hand rather than with libzip: members are streamed to the temp
// file as they are added (libzip keeps every member's bytes until zip_close,
// doubling the peak memory of a large model), and the bytes match CPython's
// zipfile field for field (version 20, no extra fields below the ZIP64
// threshold, external attributes 0o600 << 16, made-by Unix).

struct ZipWriter::Member {
  std::string name;
  std::uint32_t crc = 0;
  std::uint64_t size = 0;
  std::uint64_t offset = 0;
  bool zip64_sizes = false;  // the sizes are in the ZIP64 extra field
  bool zip64 = false;        // sizes or offset need the ZIP64 extra field
};

namespace {

// CPython's zipfile switches to ZIP64 fields above 2 GiB - 1.
constexpr std::uint64_t kZip64Limit = (std::uint64_t{1} << 31) - 1;
constexpr std::uint16_t kVersion20 = 20;
constexpr std::uint16_t kVersion45 = 45;  // ZIP64
constexpr std::uint32_t kExternalAttr = 0600u << 16;
// 1980-01-01 00:00:00, the DOS epoch CPython uses for ZipFile.open("w").
constexpr std::uint16_t kDosTime = 0;
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
}

}  // namespace

ZipWriter::ZipWriter(const std::string& path) : path_(path) {
  temp_path_ = path + ".tmp-XXXXXX";
  fd_ = ::mkstemp(temp_path_.data());
  if (fd_ < 0) {
    throw FileError(str("Could not create ", path,
                        ": cannot write in its "
                        "directory (",
                        std::strerror(errno), ")"));
  }
  // mkstemp makes 0600; a replaced file keeps its mode, a new one gets the
  // usual 0644 (umask cannot be read without changing it process-wide).
  struct stat st;
  ::fchmod(fd_, ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644);
}

ZipWriter::~ZipWriter() {
  if (!closed_) fail_cleanup();
}

void ZipWriter::fail_cleanup() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
  closed_ = true;
}

void ZipWriter::write_bytes(const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd_, p, std::min<std::size_t>(size, 1u << 30));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      fail_cleanup();
      throw FileError(str("Could not write ", path_, ": ", std::strerror(err)));
    }
    p += n;
    size -= static_cast<std::size_t>(n);
    offset_ += static_cast<std::uint64_t>(n);
  }
}

void ZipWriter::check_new_member(const std::string& name) const {
  if (closed_) throw ValueError(str("ZipWriter for ", path_, " is closed"));
  std::string problem = zip_member_name_problem(name);
  if (!problem.empty()) {
    throw ValueError(str("Invalid ZIP member name '", name, "': ", problem));
  }
  if (name.size() > 0xFFFF) {
    throw ValueError(str("ZIP member name too long: ", name.size(), " bytes"));
  }
  for (const Member& m : members_) {
    if (m.name == name) {
      throw ValueError(str("Duplicate ZIP member name '", name, "'"));
    }
  }
}

std::string ZipWriter::local_header(const Member& m) {
  std::string header;
  put_le(header, kLocalHeaderSig, 4);
  put_le(header, m.zip64_sizes ? kVersion45 : kVersion20, 2);
  put_le(header, is_ascii(m.name) ? 0 : 0x800, 2);  // bit 11: UTF-8 name
  put_le(header, 0, 2);                             // method: stored
  put_le(header, kDosTime, 2);
  put_le(header, kDosDate, 2);
  put_le(header, m.crc, 4);
  put_le(header, m.zip64_sizes ? 0xFFFFFFFFu : m.size, 4);
  put_le(header, m.zip64_sizes ? 0xFFFFFFFFu : m.size, 4);
  put_le(header, m.name.size(), 2);
  put_le(header, m.zip64_sizes ? 20 : 0, 2);
  header += m.name;
  if (m.zip64_sizes) {
    put_le(header, 0x0001, 2);
    put_le(header, 16, 2);
    put_le(header, m.size, 8);
    put_le(header, m.size, 8);
  }
  static_assert(kLocalHeaderSize == 30);
  return header;
}

void ZipWriter::add(const std::string& name, std::string bytes) {
  check_new_member(name);
  Member m;
  m.name = name;
  m.crc = crc32(bytes);
  m.size = bytes.size();
  m.offset = offset_;
  m.zip64_sizes = m.size > kZip64Limit;
  m.zip64 = m.zip64_sizes || m.offset > kZip64Limit;
  const std::string header = local_header(m);
  write_bytes(header.data(), header.size());
  write_bytes(bytes.data(), bytes.size());
  members_.push_back(std::move(m));
}

void ZipWriter::add_written(
    const std::string& name, std::uint64_t max_size,
    const std::function<void(int fd, std::uint64_t offset)>& write) {
  check_new_member(name);
  Member m;
  m.name = name;
  m.offset = offset_;
  // The local header goes first with a zero CRC and size, and is rewritten
  // in place once they are known; its length must not change, so whether
  // the sizes take ZIP64 fields is decided from the bound.
  m.zip64_sizes = max_size > kZip64Limit;
  m.zip64 = m.zip64_sizes || m.offset > kZip64Limit;
  std::string header = local_header(m);
  write_bytes(header.data(), header.size());
  const std::uint64_t data_offset = offset_;
  try {
    write(fd_, data_offset);
    struct stat st;
    if (::fstat(fd_, &st) != 0) {
      throw FileError(
          str("Could not write ", path_, ": ", std::strerror(errno)));
    }
    const auto end = static_cast<std::uint64_t>(st.st_size);
    if (end < data_offset) {
      throw FileError(str("Could not write ", path_, ": member '", name,
                          "' was cut short"));
    }
    m.size = end - data_offset;
    if (!m.zip64_sizes && m.size > kZip64Limit) {
      throw FileError(str("Could not write ", path_, ": member '", name,
                          "' holds ", m.size, " bytes, more than the bound of ",
                          max_size, " it was written under"));
    }
    m.crc = crc32_of_file_range(fd_, data_offset, m.size, path_);
    header = local_header(m);
    if (::pwrite(fd_, header.data(), header.size(),
                 static_cast<off_t>(m.offset)) !=
            static_cast<ssize_t>(header.size()) ||
        ::lseek(fd_, static_cast<off_t>(end), SEEK_SET) < 0) {
      throw FileError(
          str("Could not write ", path_, ": ", std::strerror(errno)));
    }
    offset_ = end;
  } catch (...) {
    fail_cleanup();
    throw;
  }
  members_.push_back(std::move(m));
}

void ZipWriter::close() {
  if (closed_) throw ValueError(str("ZipWriter for ", path_, " is closed"));
  const std::uint64_t cd_offset = offset_;
  std::string cd;
  for (const Member& m : members_) {
    const bool big_size = m.zip64_sizes;
    const bool big_offset = m.offset > kZip64Limit;
    std::string extra;
    if (big_size || big_offset) {
      std::string data;
      if (big_size) {
        put_le(data, m.size, 8);
        put_le(data, m.size, 8);
      }
      if (big_offset) put_le(data, m.offset, 8);
      put_le(extra, 0x0001, 2);
      put_le(extra, data.size(), 2);
      extra += data;
    }
    const std::uint16_t version = m.zip64 ? kVersion45 : kVersion20;
    put_le(cd, kCentralHeaderSig, 4);
    put_le(cd, (3u << 8) | version, 2);  // made by: Unix
    put_le(cd, version, 2);
    put_le(cd, is_ascii(m.name) ? 0 : 0x800, 2);
    put_le(cd, 0, 2);
    put_le(cd, kDosTime, 2);
    put_le(cd, kDosDate, 2);
    put_le(cd, m.crc, 4);
    put_le(cd, big_size ? 0xFFFFFFFFu : m.size, 4);
    put_le(cd, big_size ? 0xFFFFFFFFu : m.size, 4);
    put_le(cd, m.name.size(), 2);
    put_le(cd, extra.size(), 2);
    put_le(cd, 0, 2);  // comment length
    put_le(cd, 0, 2);  // disk number
    put_le(cd, 0, 2);  // internal attributes
    put_le(cd, kExternalAttr, 4);
    put_le(cd, big_offset ? 0xFFFFFFFFu : m.offset, 4);
    cd += m.name;
    cd += extra;
  }
  const std::uint64_t count = members_.size();
  const std::uint64_t cd_size = cd.size();
  const bool zip64_end =
      count >= 0xFFFF || cd_size > kZip64Limit || cd_offset > kZip64Limit;
  if (zip64_end) {
    const std::uint64_t record = cd_offset + cd_size;
    put_le(cd, kZip64EndSig, 4);
    put_le(cd, kZip64EndSize - 12, 8);
    put_le(cd, kVersion45, 2);
    put_le(cd, kVersion45, 2);
    put_le(cd, 0, 4);
    put_le(cd, 0, 4);
    put_le(cd, count, 8);
    put_le(cd, count, 8);
    put_le(cd, cd_size, 8);
    put_le(cd, cd_offset, 8);
    put_le(cd, kZip64LocatorSig, 4);
    put_le(cd, 0, 4);
    put_le(cd, record, 8);
    put_le(cd, 1, 4);
  }
  put_le(cd, kEndSig, 4);
  put_le(cd, 0, 2);
  put_le(cd, 0, 2);
  put_le(cd, std::min<std::uint64_t>(count, 0xFFFF), 2);
  put_le(cd, std::min<std::uint64_t>(count, 0xFFFF), 2);
  put_le(cd, std::min<std::uint64_t>(cd_size, 0xFFFFFFFFu), 4);
  put_le(cd, zip64_end ? 0xFFFFFFFFu : cd_offset, 4);
  put_le(cd, 0, 2);
  write_bytes(cd.data(), cd.size());

  if (::fsync(fd_) != 0) {
    const int err = errno;
    fail_cleanup();
    throw FileError(str("Could not write ", path_, ": ", std::strerror(err)));
  }
  if (::close(fd_) != 0) {
    const int err = errno;
    fd_ = -1;
    fail_cleanup();
    throw FileError(str("Could not write ", path_, ": ", std::strerror(err)));
  }
  fd_ = -1;
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    fail_cleanup();
    throw FileError(str("Could not write ", path_, ": ", std::strerror(err)));
  }
  temp_path_.clear();
  closed_ = true;
  // Make the rename itself durable.
  std::string dir = path_.substr(0, path_.find_last_of('/') + 1);
  int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

}  // namespace keras::saving
