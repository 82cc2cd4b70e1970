// File: keras/saving/h5_file.h
// -----------------------------------------------------------------------------
// HDF5 files as Keras uses them: `model.weights.h5` inside a .keras archive,
// `*.weights.h5`, and legacy `.h5` models (Python: h5py, wrapped by
// `H5IOStore` and `safe_get_h5_group`/`safe_get_h5_dataset` in
// keras/src/saving/saving_lib.py).
//
// H5File is a small RAII wrapper over the HDF5 C library that opens a file
// from bytes (the zip member) or a path, reads groups, datasets and string
// attributes, creates files in memory or on disk the way h5py writes them,
// and refuses hostile content: soft/external links on any path component,
// external and virtual datasets, absurd ranks, and datasets whose declared
// size exceeds a limit or what the file can hold (shape bombs), all before
// any allocation.
//
//   auto h5 = keras::saving::H5File::open_image(zip.read("model.weights.h5"),
//                                               "model.keras/model.weights.h5");
//   for (const std::string& key : h5.children("layers/dense/vars")) ...
//   keras::Tensor kernel = h5.read_dataset("layers/dense/vars/0");
//
//   auto out = keras::saving::H5File::create_in_memory();
//   out.create_group("layers/dense/vars");
//   out.write_string_attribute("layers/dense/vars", "name", "dense");
//   out.write_dataset("layers/dense/vars/0", kernel);
//   std::string bytes = out.file_image();
//
// Paths are relative to the root ("layers/dense/vars/0"; a leading "/" is
// accepted). Failures raise keras::FormatError naming the file and the
// object, with HDF5's own message where it helps.
//
// Threads: the Debian HDF5 build is not thread-safe, so every HDF5 call made
// through this file (including handle release in destructors) holds one
// process-wide recursive mutex. H5File objects may be used from several
// threads; calls are serialised.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/core/error.h"

namespace keras::saving {

struct H5Limits {
  // Largest dataset read into memory (declared bytes).
  std::uint64_t max_dataset_bytes = std::uint64_t{4} << 30;  // 4 GiB
  // A dataset declaring more than `bomb_min_bytes` while storing less than
  // 1/`bomb_ratio` of it is a shape bomb (Keras: 4 GiB and 1000x; we start
  // at 1 GiB because we allocate the whole tensor up front).
  std::uint64_t bomb_min_bytes = std::uint64_t{1} << 30;  // 1 GiB
  double bomb_ratio = 1000.0;
  // Largest attribute value read (declared bytes).
  std::uint64_t max_attribute_bytes = std::uint64_t{64} << 20;  // 64 MiB
  // Largest dataset/attribute rank accepted.
  int max_rank = 64;
};

class H5File {
 public:
  // ---- opening (read-only) ----
  // From the bytes of a complete HDF5 file (kept in memory by HDF5's core
  // driver; `display_name` names it in messages). HDF5 copies the bytes:
  // while opening, memory peaks at about three times the image; afterwards
  // the caller may free `bytes`.
  static H5File open_image(const std::string& bytes,
                           const std::string& display_name = "<memory>",
                           const H5Limits& limits = {});
  // From a path. FileError when missing, FormatError when not HDF5.
  static H5File open(const std::string& path, const H5Limits& limits = {});
  // The HDF5 file stored at bytes [offset, offset + size) of the file at
  // `path` (an uncompressed zip member), read in place: HDF5 reads the range
  // with pread, nothing is copied into memory first. `display_name` names it
  // in messages.
  static H5File open_range(const std::string& path, std::uint64_t offset,
                           std::uint64_t size, const std::string& display_name,
                           const H5Limits& limits = {});

  // ---- creating (read-write) ----
  // A new, empty file held in memory; file_image() returns its bytes.
  static H5File create_in_memory(const std::string& display_name = "<memory>");
  // A new file at `path` (truncated if it exists). FileError on failure.
  static H5File create(const std::string& path);
  // A new file written in place from byte `offset` of the open descriptor
  // `fd` on (a member of a zip archive being written; see
  // ZipWriter::add_written): HDF5 writes the tensors there with pwrite, and
  // close() ends the file there. `fd` must stay open until close(). Needs
  // can_write_in_place() (FileError otherwise).
  static H5File create_in_range(int fd, std::uint64_t offset,
                                const std::string& display_name);
  // Whether this HDF5's driver interface allows create_in_range (callers
  // otherwise build the file in memory).
  static bool can_write_in_place();

  H5File(H5File&&) noexcept;
  H5File& operator=(H5File&&) noexcept;
  ~H5File();

  const std::string& name() const;
  const H5Limits& limits() const;

  // ---- reading ----
  // Whether an object exists at `path` (every component a hard link; a soft
  // or external link on the way throws FormatError).
  bool has(const std::string& path) const;
  bool is_group(const std::string& path) const;
  bool is_dataset(const std::string& path) const;
  // Names of the links in a group, sorted by name (h5py's iteration order).
  std::vector<std::string> children(const std::string& group_path) const;
  // Shape (dims) of a dataset, without reading it.
  Shape dataset_shape(const std::string& path) const;
  // The dataset's values. float32/float64/int8/int32/int64/uint8 map to the
  // same dtype, int16/uint16 -> int32, uint32/uint64 -> int64, h5py's bool
  // enum -> bool, IEEE half -> float16, 2-byte opaque with attribute
  // dtype="bfloat16" -> bfloat16. Big-endian data is converted. A scalar
  // dataspace gives shape {}.
  Tensor read_dataset(const std::string& path) const;
  // As read_dataset, but into `target`'s storage (returning `target`) when
  // the dataset has its shape and dtype; otherwise (or for an undefined
  // `target`) into a new tensor.
  Tensor read_dataset_into(const std::string& path, const Tensor& target) const;
  // Names of the attributes of an object, sorted.
  std::vector<std::string> attribute_names(const std::string& path) const;
  bool has_attribute(const std::string& path, const std::string& name) const;
  // A string attribute (fixed or variable length, ASCII or UTF-8, scalar or
  // one element); nullopt when the attribute is absent, FormatError when it
  // is not a string or the object `path` does not exist.
  std::optional<std::string> read_string_attribute(
      const std::string& path, const std::string& name) const;
  // A 1-D string array attribute (legacy `layer_names`/`weight_names`); an
  // empty numeric array (h5py's encoding of []) gives an empty list.
  std::vector<std::string> read_string_array_attribute(
      const std::string& path, const std::string& name) const;
  // A numeric attribute with one element, as double; nullopt when absent.
  std::optional<double> read_number_attribute(const std::string& path,
                                              const std::string& name) const;

  // ---- writing ----
  // Creates the group and any missing parents (existing groups are fine).
  void create_group(const std::string& path);
  // Writes a new contiguous dataset (parents created) with h5py's type for
  // the dtype; throws ValueError if `path` exists.
  void write_dataset(const std::string& path, const Tensor& value);
  // Scalar variable-length UTF-8 string (h5py's encoding of a Python str);
  // replaces an existing attribute of that name.
  void write_string_attribute(const std::string& path, const std::string& name,
                              const std::string& value);
  // Scalar variable-length ASCII string: h5py's encoding of Python bytes
  // (the legacy writer's `json.dumps(...).encode("utf8")` attributes).
  void write_bytes_attribute(const std::string& path, const std::string& name,
                             const std::string& value);
  // 1-D variable-length strings (ASCII when every value is ASCII, as h5py
  // stores bytes); an empty list is stored as an empty float64 array, as
  // h5py stores `np.asarray([])`.
  void write_string_array_attribute(const std::string& path,
                                    const std::string& name,
                                    const std::vector<std::string>& values);
  // 1-D fixed-length ASCII strings of `itemsize` bytes, NUL-padded: h5py's
  // encoding of a NumPy bytes array (dtype "S<itemsize>"), which Keras'
  // legacy writer stores when it splits a list over several attributes.
  void write_fixed_string_array_attribute(
      const std::string& path, const std::string& name,
      const std::vector<std::string>& values, std::size_t itemsize);

  // Flushes and returns the complete file bytes (any file).
  std::string file_image();
  // Flushes and closes; further calls throw. The destructor closes too but
  // cannot report errors.
  void close();

  struct Impl;

 private:
  explicit H5File(std::unique_ptr<Impl> impl);
  Impl& impl() const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keras::saving
