// File: keras/utils/file_utils.cpp
// POSIX implementation of file_utils.h (open/read/write/fsync/rename): the C++
// streams library cannot fsync, and errno gives actionable messages.
#include "keras/utils/file_utils.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>
#include <utility>

#include "keras/core/error.h"

namespace keras {
namespace {

namespace fs = std::filesystem;

// Throws the FileError for an errno value; `action` completes "Cannot ...".
[[noreturn]] void throw_errno(int err, std::string_view action,
                              const std::string& path) {
  switch (err) {
    case ENOENT:
      throw FileError(str("File not found: ", path));
    case EACCES:
    case EPERM:
      throw FileError(str("Permission denied: ", path));
    case EISDIR:
      throw FileError(str("Is a directory: ", path));
    case ENOTDIR:
      throw FileError(str("Not a directory: a component of ", path));
    case ENOSPC:
      throw FileError(str("No space left on device: ", path));
    case EROFS:
      throw FileError(str("Read-only file system: ", path));
    default:
      throw FileError(
          str("Cannot ", action, " ", path, ": ", std::strerror(err)));
  }
}

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now, reporting the error (close can report delayed write errors).
  int close() {
    const int r = ::close(fd_);
    fd_ = -1;
    return r;
  }

 private:
  int fd_;
};

std::string parent_dir(const std::string& path) {
  const std::string dir = fs::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

void fsync_fd(int fd, const std::string& path) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) throw_errno(errno, "sync", path);
  }
}

// Makes a rename in `dir` durable. Some file systems refuse to fsync a
// directory (EINVAL); the rename has still happened, so that is not an error.
void fsync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  Fd guard(fd);
  while (::fsync(fd) != 0 && errno == EINTR) {
  }
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno(errno, "write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Creates ".<name>.tmp-XXXXXXXX" beside final_path with O_EXCL (mode 0666
// minus umask, which mkstemp's 0600 would not give); returns the open fd.
int create_temp_beside(const std::string& final_path, std::string& tmp_path) {
  const fs::path final_fs(final_path);
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%08x",
                  static_cast<unsigned>(random()));
    const fs::path candidate =
        final_fs.parent_path() /
        str(".", final_fs.filename().string(), ".tmp-", suffix);
    tmp_path = candidate.string();
    const int fd =
        ::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno == EEXIST || errno == EINTR) continue;
    const int err = errno;
    if (err == ENOENT) {
      throw FileError(str("Directory not found: ", parent_dir(final_path),
                          " (writing ", final_path, ")"));
    }
    throw_errno(err, "create a file beside", final_path);
  }
  throw FileError(str("Cannot create a temporary file beside ", final_path));
}

// Where a write to `path` should land: through a symlink to its target.
std::string resolve_write_target(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(path, ec);
  return ec ? path : target.string();
}

}  // namespace

std::string read_file(const std::string& path, std::size_t max_bytes) {
  if (path.empty()) throw FileError("Cannot read a file: the path is empty");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_errno(errno, "open", path);
  Fd guard(fd);
  struct stat st;
  if (::fstat(fd, &st) != 0) throw_errno(errno, "stat", path);
  if (S_ISDIR(st.st_mode)) throw_errno(EISDIR, "read", path);
  const auto too_large = [&](std::uintmax_t size, const char* qualifier) {
    return FileError(str("File too large: ", path, " is ", qualifier, size,
                         " bytes, more than the limit of ", max_bytes,
                         " bytes"));
  };
  std::string out;
  if (S_ISREG(st.st_mode)) {
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    if (size > max_bytes) throw too_large(size, "");
    out.reserve(static_cast<std::size_t>(size));
  }
  // Read until EOF (the file may change size; pipes have no size).
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno(errno, "read", path);
    }
    if (n == 0) break;
    if (static_cast<std::size_t>(n) > max_bytes - out.size()) {
      throw too_large(out.size() + static_cast<std::size_t>(n), "at least ");
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

void write_file_atomic(const std::string& path, std::string_view bytes) {
  if (path.empty()) throw FileError("Cannot write a file: the path is empty");
  const std::string target = resolve_write_target(path);
  std::string tmp_path;
  Fd fd(create_temp_beside(target, tmp_path));
  TempFileGuard tmp(tmp_path);
  write_all(fd.get(), bytes, tmp_path);
  // Like open(path, "wb"), an existing file keeps its permissions.
  struct stat st;
  if (::stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    ::fchmod(fd.get(), st.st_mode & 07777);
  }
  fsync_fd(fd.get(), tmp_path);
  if (fd.close() != 0) throw_errno(errno, "write", path);
  if (::rename(tmp_path.c_str(), target.c_str()) != 0) {
    throw_errno(errno, "replace", path);
  }
  tmp.commit();
  fsync_dir(parent_dir(target));
}

void atomic_replace(const std::string& tmp_path,
                    const std::string& final_path) {
  {
    const int fd = ::open(tmp_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw_errno(errno, "open", tmp_path);
    Fd guard(fd);
    fsync_fd(fd, tmp_path);
  }
  if (::rename(tmp_path.c_str(), final_path.c_str()) != 0) {
    throw_errno(errno, "replace", final_path);
  }
  fsync_dir(parent_dir(final_path));
}

TempFileGuard TempFileGuard::beside(const std::string& final_path) {
  std::string tmp_path;
  const int fd = create_temp_beside(final_path, tmp_path);
  ::close(fd);
  return TempFileGuard(tmp_path);
}

TempFileGuard::TempFileGuard(TempFileGuard&& other) noexcept
    : path_(std::exchange(other.path_, {})) {}

TempFileGuard& TempFileGuard::operator=(TempFileGuard&& other) noexcept {
  if (this != &other) {
    if (!path_.empty()) ::unlink(path_.c_str());
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

TempFileGuard::~TempFileGuard() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

void TempFileGuard::commit_to(const std::string& final_path) {
  atomic_replace(path_, final_path);
  path_.clear();
}

}  // namespace keras
