// File: keras/utils/file_utils.h
// -----------------------------------------------------------------------------
// Reading whole files with a size limit, and crash-safe writing.
//
// Python counterpart: none directly (Keras uses open()/shutil and writes in
// place); keras.cpp never leaves a half-written file at the destination:
// data goes to a temporary file beside the destination, is fsync'ed, and is
// renamed over the destination (an atomic operation on POSIX file systems),
// then the directory is fsync'ed so the rename itself is durable.
//
//   std::string bytes = keras::read_file("config.json", 64 << 20);
//   keras::write_file_atomic("out/config.json", bytes);
//
//   // Libraries that must write through a path (e.g. HDF5):
//   keras::TempFileGuard tmp = keras::TempFileGuard::beside("model.h5");
//   write_hdf5(tmp.path());
//   tmp.commit_to("model.h5");  // on an exception, ~TempFileGuard removes it
//
// Errors are keras::FileError with messages such as "File not found: x.npy",
// "Permission denied: /etc/x", "Is a directory: out".
// -----------------------------------------------------------------------------
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace keras {

// Default limit of read_file: files larger than this are refused.
inline constexpr std::size_t kDefaultMaxFileBytes = std::size_t{4} << 30;

// Returns the whole content of a file. Throws FileError if it cannot be read
// or is larger than max_bytes (checked before reading it all).
std::string read_file(const std::string& path,
                      std::size_t max_bytes = kDefaultMaxFileBytes);

// Replaces (or creates) `path` with `bytes` atomically: readers see either
// the old file or the complete new one, never a partial write. A new file
// gets mode 0666 minus the umask (like Python's open(path, "wb")); an
// existing file keeps its mode. A symlink at `path` is written through.
void write_file_atomic(const std::string& path, std::string_view bytes);

// fsyncs `tmp_path`, renames it to `final_path` and fsyncs the directory.
// Both must be on one file system (same directory is the safe choice).
void atomic_replace(const std::string& tmp_path, const std::string& final_path);

// Owns a temporary file: removes it on destruction unless committed.
class TempFileGuard {
 public:
  // Adopts an existing path (no file is created).
  explicit TempFileGuard(std::string path) : path_(std::move(path)) {}
  // Creates a new empty file ".<name>.tmp-XXXXXXXX" in the directory of
  // final_path (so that a rename to final_path is atomic).
  static TempFileGuard beside(const std::string& final_path);

  TempFileGuard(TempFileGuard&& other) noexcept;
  TempFileGuard& operator=(TempFileGuard&& other) noexcept;
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  ~TempFileGuard();

  const std::string& path() const { return path_; }
  bool committed() const { return path_.empty(); }

  // atomic_replace(path(), final_path), then stops owning the file.
  void commit_to(const std::string& final_path);
  // Keeps the file where it is and stops owning it.
  void commit() { path_.clear(); }

 private:
  std::string path_;  // empty once committed
};

}  // namespace keras
