#include "keras/saving/h5_file.h"

#include <fcntl.h>
#include <hdf5.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <utility>

#include "keras/saving/h5_header_check.h"
#include "keras/saving/h5_heap_check.h"
#include "keras/saving/h5_range_driver.h"

namespace keras::saving {
namespace {

// ---- global lock and library set-up ----------------------------------------

// The serial HDF5 library keeps global state (error stacks, open-object
// tables, free lists) without locks, so every call goes through this mutex.
// Recursive because a failing call's error handling makes more calls.
std::recursive_mutex& hdf5_mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

// The on-disk form of a variable-length element: length (4), heap
// collection address (8), object index (4).
constexpr std::size_t kRawVlenSize = 16;
constexpr const char* kRawVlenTag = "keras.cpp raw vlen";

// A "conversion" from a variable-length type to the opaque kRawVlenTag type
// that keeps the on-disk bytes, so heap IDs can be checked before HDF5
// follows them (see h5_heap_check.h).
herr_t keep_raw_vlen(hid_t src, hid_t dst, H5T_cdata_t* cdata, size_t, size_t,
                     size_t, void*, void*, hid_t) {
  if (cdata->command == H5T_CONV_INIT) {
    char* tag = H5Tget_tag(dst);
    const bool ours = tag != nullptr && std::strcmp(tag, kRawVlenTag) == 0;
    H5free_memory(tag);
    if (!ours || H5Tget_size(src) != kRawVlenSize ||
        H5Tget_size(dst) != kRawVlenSize) {
      return -1;
    }
    cdata->need_bkg = H5T_BKG_NO;
  }
  return 0;  // same size: the bytes stay as they are
}

hid_t raw_vlen_type() {
  static const hid_t type = [] {
    hid_t t = H5Tcreate(H5T_OPAQUE, kRawVlenSize);
    H5Tset_tag(t, kRawVlenTag);
    return t;
  }();
  return type;
}

class Lock {
 public:
  Lock() : lock_(hdf5_mutex()) {
    static bool initialised = false;
    if (!initialised) {
      H5open();
      // HDF5 prints its error stack to stderr by default; we turn the stack
      // into exception messages instead.
      H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
      hid_t vlen_string = H5Tcopy(H5T_C_S1);
      H5Tset_size(vlen_string, H5T_VARIABLE);
      H5Tregister(H5T_PERS_SOFT, "keras_raw_vlen", vlen_string, raw_vlen_type(),
                  keep_raw_vlen);
      H5Tclose(vlen_string);
      initialised = true;
    }
  }

 private:
  std::lock_guard<std::recursive_mutex> lock_;
};

// "unable to open file (truncated file: eof = 4837, ...)": the outermost and
// the innermost descriptions of the current error stack, then clears it.
std::string hdf5_error_message() {
  std::vector<std::string> descriptions;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* error, void* data) -> herr_t {
        if (error->desc != nullptr && error->desc[0] != '\0') {
          static_cast<std::vector<std::string>*>(data)->push_back(error->desc);
        }
        return 0;
      },
      &descriptions);
  H5Eclear2(H5E_DEFAULT);
  if (descriptions.empty()) return "unknown HDF5 error";
  if (descriptions.size() == 1) return descriptions.front();
  return descriptions.front() + " (" + descriptions.back() + ")";
}

// ---- handles
// ------------------------------------------------------------------

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Hid {
 public:
  using Closer = herr_t (*)(hid_t);
  Hid() = default;
  Hid(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Hid(Hid&& other) noexcept
      : id_(std::exchange(other.id_, -1)), closer_(other.closer_) {}
  Hid& operator=(Hid&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, -1);
      closer_ = other.closer_;
    }
    return *this;
  }
  Hid(const Hid&) = delete;
  Hid& operator=(const Hid&) = delete;
  ~Hid() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  void reset() {
    if (id_ >= 0 && closer_ != nullptr) {
      Lock lock;
      closer_(id_);
      H5Eclear2(H5E_DEFAULT);
    }
    id_ = -1;
  }
  // Closes now and reports the result (used for files, where closing
  // flushes).
  herr_t close() {
    herr_t status = 0;
    if (id_ >= 0 && closer_ != nullptr) status = closer_(id_);
    id_ = -1;
    return status;
  }

 private:
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

Hid plist(hid_t cls) { return Hid(H5Pcreate(cls), H5Pclose); }
Hid type_copy(hid_t type) { return Hid(H5Tcopy(type), H5Tclose); }

std::string format_bytes(std::uint64_t bytes) {
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

// ---- datatypes h5py uses
// ------------------------------------------------------

// IEEE half, little endian, built as h5py builds IEEE_F16LE.
Hid float16_type() {
  Hid t = type_copy(H5T_IEEE_F32LE);
  H5Tset_fields(t.get(), 15, 10, 5, 0, 10);
  H5Tset_size(t.get(), 2);
  H5Tset_ebias(t.get(), 15);
  return t;
}

// bfloat16 as an HDF5 float (some writers other than h5py use it): lets the
// library convert such data, including big-endian, to our layout.
Hid bfloat16_float_type() {
  Hid t = type_copy(H5T_IEEE_F32LE);
  H5Tset_fields(t.get(), 15, 7, 8, 0, 7);
  H5Tset_size(t.get(), 2);
  H5Tset_ebias(t.get(), 127);
  return t;
}

// h5py's NumPy bool: an enum over a native int8 with FALSE=0, TRUE=1.
Hid bool_type() {
  Hid t(H5Tenum_create(H5T_NATIVE_INT8), H5Tclose);
  std::int8_t value = 0;
  H5Tenum_insert(t.get(), "FALSE", &value);
  value = 1;
  H5Tenum_insert(t.get(), "TRUE", &value);
  return t;
}

// What h5py writes for an ml_dtypes bfloat16 array: a 2-byte opaque type.
Hid bfloat16_opaque_type() { return Hid(H5Tcreate(H5T_OPAQUE, 2), H5Tclose); }

Hid utf8_vlen_string_type(H5T_cset_t cset = H5T_CSET_UTF8) {
  Hid t = type_copy(H5T_C_S1);
  H5Tset_size(t.get(), H5T_VARIABLE);
  H5Tset_cset(t.get(), cset);
  return t;
}

// File datatype for writing a dtype (the memory layout is the same on a
// little-endian host).
Hid file_type_for(DType dtype) {
  switch (dtype) {
    case DType::float32:
      return type_copy(H5T_IEEE_F32LE);
    case DType::float64:
      return type_copy(H5T_IEEE_F64LE);
    case DType::int32:
      return type_copy(H5T_STD_I32LE);
    case DType::int64:
      return type_copy(H5T_STD_I64LE);
    case DType::int8:
      return type_copy(H5T_STD_I8LE);
    case DType::uint8:
      return type_copy(H5T_STD_U8LE);
    case DType::bool_:
      return bool_type();
    case DType::float16:
      return float16_type();
    case DType::bfloat16:
      return bfloat16_opaque_type();
    case DType::string:  // no variable holds strings
      break;
  }
  throw NotImplementedError(str("Cannot write dtype ", dtype_name(dtype)));
}

// Memory datatype for writing a dtype from our storage.
Hid memory_type_for(DType dtype) {
  switch (dtype) {
    case DType::float32:
      return type_copy(H5T_NATIVE_FLOAT);
    case DType::float64:
      return type_copy(H5T_NATIVE_DOUBLE);
    case DType::int32:
      return type_copy(H5T_NATIVE_INT32);
    case DType::int64:
      return type_copy(H5T_NATIVE_INT64);
    case DType::int8:
      return type_copy(H5T_NATIVE_INT8);
    case DType::uint8:
      return type_copy(H5T_NATIVE_UINT8);
    default:
      return file_type_for(dtype);
  }
}

// ---- paths
// --------------------------------------------------------------------

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  for (const std::string& part : parts) {
    if (part == "." || part == "..") {
      throw ValueError(str("Invalid HDF5 path '", path,
                           "': '.' and '..' components are not allowed"));
    }
  }
  return parts;
}

std::string join_path(const std::vector<std::string>& parts, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += "/" + parts[i];
  return out.empty() ? "/" : out;
}

enum class Kind { missing, group, dataset, other };

bool checked_mul(std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
  return !__builtin_mul_overflow(a, b, &out);
}

std::atomic<std::uint64_t> image_counter{0};

}  // namespace

// ============================================================================

// A file descriptor closed on destruction.
class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept
      : fd_(std::exchange(other.fd_, -1)) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

struct H5File::Impl {
  std::string name;  // for messages
  H5Limits limits;
  // The file a byte-range driver reads (open_range); declared before `file`
  // so that it closes after HDF5 has closed the file.
  FileDescriptor source;
  Hid file;
  bool writable = false;
  std::uint64_t source_size = 0;    // bytes of the opened file (0 if created)
  std::uint64_t source_offset = 0;  // of the file in `source` (open_range)
  GlobalHeaps heaps;                // of the opened file
  // Object headers found well formed (h5_header_check.h), by address.
  H5Geometry geometry;
  std::uint64_t base = 0;  // file offset of HDF5 address 0 (the userblock)
  mutable std::set<std::uint64_t> checked_headers;

  // ---- messages ----
  [[noreturn]] void fail(const std::string& what) const {
    throw FormatError(str(name, ": ", what));
  }
  // HDF5 itself failed: writing, for want of space or an I/O error
  // (FileError); reading, because the bytes are not a valid file.
  [[noreturn]] void fail_hdf5(const std::string& what) const {
    if (writable) {
      throw FileError(str("Could not write ", name, ": ", what, ": ",
                          hdf5_error_message()));
    }
    fail(str(what, ": ", hdf5_error_message()));
  }
  void check_open() const {
    if (!file.valid()) throw ValueError(str("H5File ", name, " is closed"));
  }

  // ---- link-checked path resolution ----

  // Follows `path` one component at a time and refuses anything but hard
  // links, so a hostile file can never redirect a read to another file or
  // object.
  Kind resolve(const std::string& path) const {
    check_open();
    std::vector<std::string> parts = split_path(path);
    Kind kind = Kind::group;  // the root
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (kind != Kind::group) return Kind::missing;
      const std::string prefix = join_path(parts, i + 1);
      htri_t exists = H5Lexists(file.get(), prefix.c_str(), H5P_DEFAULT);
      if (exists < 0) fail_hdf5(str("cannot look up '", prefix, "'"));
      if (exists == 0) return Kind::missing;
      check_header(check_hard_link(prefix), prefix);
      kind = object_kind(prefix);
    }
    return kind;
  }

  // The address of the object the hard link `link` points to.
  haddr_t check_hard_link(const std::string& link) const {
    H5L_info_t info;
    if (H5Lget_info(file.get(), link.c_str(), &info, H5P_DEFAULT) < 0) {
      fail_hdf5(str("cannot read link '", link, "'"));
    }
    if (info.type == H5L_TYPE_HARD) return info.u.address;
    const char* what = info.type == H5L_TYPE_SOFT       ? "soft link"
                       : info.type == H5L_TYPE_EXTERNAL ? "external link"
                                                        : "user-defined link";
    fail(str("'", link, "' is an HDF5 ", what,
             "; links are not allowed in Keras weights files"));
  }

  // Bytes at HDF5 address `address` of the opened file, read without
  // HDF5: from the source file (open_range) or the core driver's image.
  bool read_raw(std::uint64_t address, std::size_t size,
                unsigned char* out) const {
    const std::uint64_t at = base + address;
    if (at < address || at > source_size || size > source_size - at) {
      return false;
    }
    if (source.get() >= 0) {
      return ::pread(source.get(), out, size,
                     static_cast<off_t>(source_offset + at)) ==
             static_cast<ssize_t>(size);
    }
    void* handle = nullptr;
    if (H5Fget_vfd_handle(file.get(), H5P_DEFAULT, &handle) < 0 ||
        handle == nullptr) {
      H5Eclear2(H5E_DEFAULT);
      return false;
    }
    const auto* image = *static_cast<const unsigned char* const*>(handle);
    if (image == nullptr) return false;
    std::memcpy(out, image + at, size);
    return true;
  }

  // Refuses the object header at `address` (of `path`) when HDF5 1.10
  // would read past its buffers decoding it (h5_header_check.h). Files this
  // process creates are trusted.
  void check_header(haddr_t address, const std::string& path) const {
    if (writable || checked_headers.count(address) > 0) return;
    const std::string problem = object_header_problem(
        [this](std::uint64_t at, std::size_t size, unsigned char* out) {
          return read_raw(at, size, out);
        },
        geometry, address);
    if (!problem.empty()) fail(str("'", path, "' is corrupt: ", problem));
    checked_headers.insert(address);
  }

  // Reads the superblock's sizes, then checks the root group's header
  // (HDF5 has loaded it, but decodes its attributes only when asked).
  void check_root() {
    // (`base` is still 0: read_raw reads file offsets.)
    const std::optional<H5Superblock> sb = read_superblock(
        [this](std::uint64_t at, std::size_t size, unsigned char* out) {
          return read_raw(at, size, out);
        },
        source_size);
    if (!sb) fail("cannot read the superblock");
    base = sb->base;
    geometry = sb->geometry;
    check_header(sb->root, "/");
  }

  Kind object_kind(const std::string& path) const {
    Hid object(H5Oopen(file.get(), path.c_str(), H5P_DEFAULT), H5Oclose);
    if (!object.valid()) fail_hdf5(str("cannot open '", path, "'"));
    switch (H5Iget_type(object.get())) {
      case H5I_GROUP:
        return Kind::group;
      case H5I_DATASET:
        return Kind::dataset;
      default:
        return Kind::other;
    }
  }

  std::string absolute(const std::string& path) const {
    std::vector<std::string> parts = split_path(path);
    return join_path(parts, parts.size());
  }

  Hid open_object(const std::string& path) const {
    if (resolve(path) == Kind::missing) {
      fail(str("no object '", absolute(path), "'"));
    }
    std::string p = absolute(path);
    Hid object(H5Oopen(file.get(), p.c_str(), H5P_DEFAULT), H5Oclose);
    if (!object.valid()) fail_hdf5(str("cannot open '", p, "'"));
    return object;
  }

  Hid open_dataset(const std::string& path) const {
    Kind kind = resolve(path);
    std::string p = absolute(path);
    if (kind == Kind::missing) fail(str("no dataset '", p, "'"));
    if (kind != Kind::dataset) fail(str("'", p, "' is not a dataset"));
    Hid dataset(H5Dopen2(file.get(), p.c_str(), H5P_DEFAULT), H5Dclose);
    if (!dataset.valid()) fail_hdf5(str("cannot open dataset '", p, "'"));
    return dataset;
  }

  // ---- dataset checks ----

  // Shape of a dataspace (scalar -> {}), refusing null spaces and huge ranks.
  Shape space_shape(hid_t space, const std::string& what) const {
    switch (H5Sget_simple_extent_type(space)) {
      case H5S_SCALAR:
        return {};
      case H5S_SIMPLE:
        break;
      case H5S_NULL:
        fail(str(what, " has an empty (null) dataspace"));
      default:
        fail_hdf5(str("cannot read the dataspace of ", what));
    }
    int rank = H5Sget_simple_extent_ndims(space);
    if (rank < 0) fail_hdf5(str("cannot read the dataspace of ", what));
    if (rank > limits.max_rank) {
      fail(str(what, " has rank ", rank, ", more than the limit of ",
               limits.max_rank));
    }
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0) {
      fail_hdf5(str("cannot read the dataspace of ", what));
    }
    Shape shape;
    for (hsize_t d : dims) {
      if (d > static_cast<hsize_t>(INT64_MAX)) fail(str(what, " is too large"));
      shape.push_back(static_cast<std::int64_t>(d));
    }
    return shape;
  }

  std::uint64_t element_count(const Shape& shape,
                              const std::string& what) const {
    std::uint64_t n = 1;
    for (std::int64_t d : shape) {
      if (!checked_mul(n, static_cast<std::uint64_t>(d), n)) {
        fail(str(what, " declares a shape whose size overflows"));
      }
    }
    return n;
  }

  void check_storage_kind(hid_t dataset, const std::string& p) const {
    Hid dcpl(H5Dget_create_plist(dataset), H5Pclose);
    if (!dcpl.valid()) fail_hdf5(str("cannot read dataset '", p, "'"));
    if (H5Pget_layout(dcpl.get()) == H5D_VIRTUAL) {
      fail(str("dataset '", p,
               "' is an HDF5 virtual dataset; virtual "
               "datasets are not allowed in Keras weights files"));
    }
    if (H5Pget_external_count(dcpl.get()) > 0) {
      fail(str("dataset '", p,
               "' stores its data in external files; "
               "external storage is not allowed in Keras weights files"));
    }
  }

  // Refuses, before allocating, a dataset larger than the limit, larger than
  // the file can hold, or a shape bomb (declares much, stores almost nothing).
  void check_dataset_size(hid_t dataset, const std::string& p,
                          std::uint64_t declared,
                          std::uint64_t memory_bytes) const {
    const std::uint64_t stored = H5Dget_storage_size(dataset);
    if (declared > limits.bomb_min_bytes &&
        static_cast<double>(stored) * limits.bomb_ratio <
            static_cast<double>(declared)) {
      fail(str("dataset '", p, "' declares ", format_bytes(declared),
               " but only ", format_bytes(stored),
               " are stored; refusing a potential shape bomb"));
    }
    const std::uint64_t largest = std::max(declared, memory_bytes);
    if (largest > limits.max_dataset_bytes) {
      fail(str("dataset '", p, "' declares ", format_bytes(largest),
               ", more than the limit of ",
               format_bytes(limits.max_dataset_bytes)));
    }
    Hid dcpl(H5Dget_create_plist(dataset), H5Pclose);
    const H5D_layout_t layout =
        dcpl.valid() ? H5Pget_layout(dcpl.get()) : H5D_LAYOUT_ERROR;
    // HDF5 copies a compact dataset's bytes out of its header for as many
    // bytes as the shape needs, however few the header holds.
    if (layout == H5D_COMPACT && stored != declared) {
      fail(str("dataset '", p, "' holds ", format_bytes(stored),
               " of compact data but its shape and type need ",
               format_bytes(declared), "; the file is corrupt"));
    }
    if (layout == H5D_CONTIGUOUS) {
      haddr_t offset = H5Dget_offset(dataset);
      H5Eclear2(H5E_DEFAULT);  // HADDR_UNDEF (not yet written) sets an error
      if (offset != HADDR_UNDEF && source_size > 0 &&
          (offset > source_size || declared > source_size - offset)) {
        fail(str("dataset '", p, "' declares ", format_bytes(declared),
                 " at offset ", offset, ", beyond the end of the file (",
                 format_bytes(source_size), "; the file is truncated)"));
      }
      if (offset != HADDR_UNDEF && stored < declared) {
        fail(str("dataset '", p, "' stores ", format_bytes(stored),
                 " but its shape and type need ", format_bytes(declared),
                 "; the file is corrupt"));
      }
    }
  }

  // ---- reading values ----

  struct ReadPlan {
    DType dtype = DType::float32;
    Hid memory_type;
    bool bool_bytes = false;  // read raw enum bytes, then normalise to 0/1
  };

  ReadPlan plan_read(hid_t type, const std::string& p) const {
    ReadPlan plan;
    const std::size_t size = H5Tget_size(type);
    switch (H5Tget_class(type)) {
      case H5T_INTEGER:
        plan_integer(plan, size, H5Tget_sign(type) == H5T_SGN_2, p);
        return plan;
      case H5T_FLOAT:
        plan_float(plan, type, size);
        return plan;
      case H5T_ENUM:
        if (!is_h5py_bool(type)) {
          fail(str("dataset '", p,
                   "' has an enum type other than h5py's "
                   "bool; it cannot hold a Keras variable"));
        }
        plan.dtype = DType::bool_;
        plan.memory_type = type_copy(type);
        plan.bool_bytes = true;
        return plan;
      case H5T_OPAQUE:
        if (size == 2 && read_string_attribute(p, "dtype") == "bfloat16") {
          plan.dtype = DType::bfloat16;
          plan.memory_type = type_copy(type);
          return plan;
        }
        fail(str("dataset '", p, "' has an opaque type of ", size,
                 " bytes without attribute dtype=\"bfloat16\"; it cannot "
                 "hold a Keras variable"));
      default:
        fail(str("dataset '", p,
                 "' is not numeric; it cannot hold a Keras "
                 "variable"));
    }
  }

  void plan_integer(ReadPlan& plan, std::size_t size, bool is_signed,
                    const std::string& p) const {
    if (size == 1) {
      plan.dtype = is_signed ? DType::int8 : DType::uint8;
      plan.memory_type =
          type_copy(is_signed ? H5T_NATIVE_INT8 : H5T_NATIVE_UINT8);
    } else if (size == 2 || (size == 4 && is_signed)) {
      plan.dtype = DType::int32;
      plan.memory_type = type_copy(H5T_NATIVE_INT32);
    } else if (size == 4 || size == 8) {
      // uint32 fits int64; uint64 values above INT64_MAX are clipped by
      // HDF5's conversion (Keras never stores unsigned 64-bit variables).
      plan.dtype = DType::int64;
      plan.memory_type = type_copy(H5T_NATIVE_INT64);
    } else {
      fail(str("dataset '", p, "' has a ", size, "-byte integer type"));
    }
  }

  static void plan_float(ReadPlan& plan, hid_t type, std::size_t size) {
    if (size == 4) {
      plan.dtype = DType::float32;
      plan.memory_type = type_copy(H5T_NATIVE_FLOAT);
      return;
    }
    if (size == 2) {
      std::size_t spos, epos, esize, mpos, msize;
      H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize);
      if (esize == 8 && msize == 7) {
        plan.dtype = DType::bfloat16;
        plan.memory_type = bfloat16_float_type();
      } else {
        plan.dtype = DType::float16;
        plan.memory_type = float16_type();
      }
      return;
    }
    plan.dtype = DType::float64;  // float64, and long doubles narrowed
    plan.memory_type = type_copy(H5T_NATIVE_DOUBLE);
  }

  static bool is_h5py_bool(hid_t type) {
    if (H5Tget_size(type) != 1 || H5Tget_nmembers(type) != 2) return false;
    for (unsigned i = 0; i < 2; ++i) {
      char* member = H5Tget_member_name(type, i);
      if (member == nullptr) return false;
      std::string name = member;
      H5free_memory(member);
      std::int8_t value = -1;
      H5Tget_member_value(type, i, &value);
      if (name != (value == 0 ? "FALSE" : "TRUE") || value < 0 || value > 1) {
        return false;
      }
    }
    return true;
  }

  Tensor read_dataset(const std::string& path, const Tensor& target) const {
    Hid dataset = open_dataset(path);
    const std::string p = absolute(path);
    check_storage_kind(dataset.get(), p);
    Hid space(H5Dget_space(dataset.get()), H5Sclose);
    Hid type(H5Dget_type(dataset.get()), H5Tclose);
    if (!space.valid() || !type.valid()) {
      fail_hdf5(str("cannot read dataset '", p, "'"));
    }
    const std::string what = str("dataset '", p, "'");
    Shape shape = space_shape(space.get(), what);
    const std::uint64_t count = element_count(shape, what);
    ReadPlan plan = plan_read(type.get(), p);
    std::uint64_t declared = 0, memory_bytes = 0;
    if (!checked_mul(count, H5Tget_size(type.get()), declared) ||
        !checked_mul(count, dtype_size(plan.dtype), memory_bytes)) {
      fail(str(what, " declares a size that overflows"));
    }
    check_dataset_size(dataset.get(), p, declared, memory_bytes);

    const bool in_place = target.defined() && target.shape() == shape &&
                          target.dtype() == plan.dtype;
    Tensor out = in_place ? target : Tensor::empty(shape, plan.dtype);
    if (count > 0 && H5Dread(dataset.get(), plan.memory_type.get(), H5S_ALL,
                             H5S_ALL, H5P_DEFAULT, out.raw_data()) < 0) {
      fail_hdf5(str("cannot read ", what));
    }
    if (plan.bool_bytes) {
      auto* bytes = static_cast<unsigned char*>(out.raw_data());
      for (std::uint64_t i = 0; i < count; ++i) bytes[i] = bytes[i] != 0;
    }
    return out;
  }

  // ---- attributes ----

  Hid open_attribute(const std::string& path, const std::string& attr) const {
    Hid object = open_object(path);
    htri_t exists = H5Aexists(object.get(), attr.c_str());
    if (exists < 0) {
      fail_hdf5(
          str("cannot read attribute '", attr, "' of '", absolute(path), "'"));
    }
    if (exists == 0) return Hid();
    Hid attribute(H5Aopen(object.get(), attr.c_str(), H5P_DEFAULT), H5Aclose);
    if (!attribute.valid()) {
      fail_hdf5(
          str("cannot open attribute '", attr, "' of '", absolute(path), "'"));
    }
    return attribute;
  }

  // Elements of an attribute's dataspace, checked against the limits.
  std::uint64_t attribute_count(hid_t attribute, hid_t type,
                                const std::string& what) const {
    Hid space(H5Aget_space(attribute), H5Sclose);
    if (!space.valid()) fail_hdf5(str("cannot read ", what));
    Shape shape = space_shape(space.get(), what);
    if (shape.size() > 1) fail(str(what, " has rank ", shape.size()));
    std::uint64_t count = element_count(shape, what);
    std::size_t element =
        H5Tis_variable_str(type) > 0 ? sizeof(char*) : H5Tget_size(type);
    std::uint64_t bytes = 0;
    if (!checked_mul(count, element, bytes) ||
        bytes > limits.max_attribute_bytes) {
      fail(str(what, " declares more than ",
               format_bytes(limits.max_attribute_bytes)));
    }
    return count;
  }

  // HDF5 1.10 follows a variable-length element's heap ID without checks:
  // read the raw IDs first and refuse any that would make it overrun.
  void check_heap_references(hid_t attribute, std::uint64_t count,
                             const std::string& what) const {
    std::vector<unsigned char> raw(count * kRawVlenSize);
    if (H5Aread(attribute, raw_vlen_type(), raw.data()) < 0) {
      fail_hdf5(str("cannot read ", what));
    }
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::string problem =
          heap_reference_problem(heaps, raw.data() + i * kRawVlenSize, 1);
      if (!problem.empty()) {
        fail(str(what, " is corrupt: string ", i, " ", problem));
      }
    }
  }

  std::vector<std::string> read_strings(hid_t attribute, hid_t type,
                                        std::uint64_t count,
                                        const std::string& what) const {
    std::vector<std::string> out;
    if (count == 0) return out;
    if (H5Tis_variable_str(type) > 0) {
      // (Files this process creates are trusted.)
      if (!writable) check_heap_references(attribute, count, what);
      Hid memory = utf8_vlen_string_type(H5Tget_cset(type));
      std::vector<char*> pointers(count, nullptr);
      // Frees the strings HDF5 allocated, also those of a read that fails
      // halfway (HDF5 keeps the ones it converted) or an exception.
      struct Reclaim {
        std::vector<char*>& strings;
        ~Reclaim() {
          for (char* s : strings) H5free_memory(s);
        }
      } reclaim{pointers};
      if (H5Aread(attribute, memory.get(), pointers.data()) < 0) {
        fail_hdf5(str("cannot read ", what));
      }
      for (char* s : pointers) out.emplace_back(s != nullptr ? s : "");
      return out;
    }
    const std::size_t size = H5Tget_size(type);
    Hid memory = type_copy(type);
    std::string buffer(count * size, '\0');
    if (H5Aread(attribute, memory.get(), buffer.data()) < 0) {
      fail_hdf5(str("cannot read ", what));
    }
    const H5T_str_t pad = H5Tget_strpad(type);
    for (std::uint64_t i = 0; i < count; ++i) {
      std::string s = buffer.substr(i * size, size);
      if (pad == H5T_STR_NULLTERM) {
        s = s.substr(0, s.find('\0'));
      } else {
        const char fill = pad == H5T_STR_SPACEPAD ? ' ' : '\0';
        s.erase(s.find_last_not_of(fill) + 1);
        if (s.size() == 1 && s[0] == fill) s.clear();
      }
      out.push_back(std::move(s));
    }
    return out;
  }

  std::optional<std::string> read_string_attribute(
      const std::string& path, const std::string& attr) const {
    Hid attribute = open_attribute(path, attr);
    if (!attribute.valid()) return std::nullopt;
    const std::string what =
        str("attribute '", attr, "' of '", absolute(path), "'");
    Hid type(H5Aget_type(attribute.get()), H5Tclose);
    if (H5Tget_class(type.get()) != H5T_STRING) {
      fail(str(what, " is not a string"));
    }
    std::uint64_t count = attribute_count(attribute.get(), type.get(), what);
    if (count != 1) {
      fail(str(what, " holds ", count, " strings, expected one"));
    }
    return read_strings(attribute.get(), type.get(), count, what).front();
  }

  std::vector<std::string> read_string_array_attribute(
      const std::string& path, const std::string& attr) const {
    Hid attribute = open_attribute(path, attr);
    const std::string what =
        str("attribute '", attr, "' of '", absolute(path), "'");
    if (!attribute.valid()) fail(str("no ", what));
    Hid type(H5Aget_type(attribute.get()), H5Tclose);
    std::uint64_t count = attribute_count(attribute.get(), type.get(), what);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls == H5T_STRING) {
      return read_strings(attribute.get(), type.get(), count, what);
    }
    if ((cls == H5T_FLOAT || cls == H5T_INTEGER) && count == 0) return {};
    fail(str(what, " is not an array of strings"));
  }

  std::optional<double> read_number_attribute(const std::string& path,
                                              const std::string& attr) const {
    Hid attribute = open_attribute(path, attr);
    if (!attribute.valid()) return std::nullopt;
    const std::string what =
        str("attribute '", attr, "' of '", absolute(path), "'");
    Hid type(H5Aget_type(attribute.get()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER) {
      fail(str(what, " is not a number"));
    }
    if (attribute_count(attribute.get(), type.get(), what) != 1) {
      fail(str(what, " does not hold exactly one number"));
    }
    double value = 0;
    if (H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value) < 0) {
      fail_hdf5(str("cannot read ", what));
    }
    return value;
  }

  // ---- writing ----

  void check_writable() const {
    check_open();
    if (!writable) {
      throw ValueError(str("H5File ", name, " was opened read-only"));
    }
  }

  void create_group(const std::string& path) {
    check_writable();
    std::vector<std::string> parts = split_path(path);
    for (std::size_t i = 1; i <= parts.size(); ++i) {
      const std::string prefix = join_path(parts, i);
      Kind kind = resolve(prefix);
      if (kind == Kind::group) continue;
      if (kind != Kind::missing) {
        throw ValueError(str(name, ": cannot create group '", absolute(path),
                             "': '", prefix, "' exists and is not a group"));
      }
      Hid gcpl = plist(H5P_GROUP_CREATE);
      Hid group(H5Gcreate2(file.get(), prefix.c_str(), H5P_DEFAULT, gcpl.get(),
                           H5P_DEFAULT),
                H5Gclose);
      if (!group.valid()) fail_hdf5(str("cannot create group '", prefix, "'"));
    }
  }

  void write_dataset(const std::string& path, const Tensor& value) {
    check_writable();
    std::vector<std::string> parts = split_path(path);
    if (parts.empty()) throw ValueError("Cannot write a dataset at '/'");
    const std::string p = absolute(path);
    if (!value.defined() || value.is_symbolic()) {
      throw ValueError(str("Cannot write '", p, "': the tensor has no data"));
    }
    if (resolve(path) != Kind::missing) {
      throw ValueError(str(name, ": cannot write dataset '", p,
                           "': an object with that name exists"));
    }
    create_group(join_path(parts, parts.size() - 1));

    Hid file_type = file_type_for(value.dtype());
    Hid memory_type = memory_type_for(value.dtype());
    Hid space = make_space(value.shape());
    Hid dcpl = plist(H5P_DATASET_CREATE);
    Hid dataset(H5Dcreate2(file.get(), p.c_str(), file_type.get(), space.get(),
                           H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                H5Dclose);
    if (!dataset.valid()) fail_hdf5(str("cannot create dataset '", p, "'"));
    if (value.size() > 0 &&
        H5Dwrite(dataset.get(), memory_type.get(), H5S_ALL, H5S_ALL,
                 H5P_DEFAULT, value.raw_data()) < 0) {
      fail_hdf5(str("cannot write dataset '", p, "'"));
    }
    if (value.dtype() == DType::bfloat16) {
      write_string_attribute(path, "dtype", "bfloat16");
    }
  }

  static Hid make_space(const Shape& shape) {
    if (shape.empty()) return Hid(H5Screate(H5S_SCALAR), H5Sclose);
    std::vector<hsize_t> dims(shape.begin(), shape.end());
    return Hid(
        H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
        H5Sclose);
  }

  // Replaces attribute `attr` of `path` with a new one of `type`/`space`.
  Hid new_attribute(const std::string& path, const std::string& attr,
                    hid_t type, hid_t space) {
    check_writable();
    Hid object = open_object(path);
    if (H5Aexists(object.get(), attr.c_str()) > 0 &&
        H5Adelete(object.get(), attr.c_str()) < 0) {
      fail_hdf5(str("cannot replace attribute '", attr, "' of '",
                    absolute(path), "'"));
    }
    Hid attribute(H5Acreate2(object.get(), attr.c_str(), type, space,
                             H5P_DEFAULT, H5P_DEFAULT),
                  H5Aclose);
    if (!attribute.valid()) {
      fail_hdf5(str("cannot create attribute '", attr, "' of '", absolute(path),
                    "'"));
    }
    return attribute;
  }

  void write_string_attribute(const std::string& path, const std::string& attr,
                              const std::string& value,
                              H5T_cset_t cset = H5T_CSET_UTF8) {
    if (value.find('\0') != std::string::npos) {
      throw ValueError(str("HDF5 string attribute '", attr,
                           "' cannot contain a NUL character"));
    }
    Hid type = utf8_vlen_string_type(cset);
    Hid space(H5Screate(H5S_SCALAR), H5Sclose);
    Hid attribute = new_attribute(path, attr, type.get(), space.get());
    const char* data = value.c_str();
    if (H5Awrite(attribute.get(), type.get(), &data) < 0) {
      fail_hdf5(str("cannot write attribute '", attr, "'"));
    }
  }

  void write_string_array_attribute(const std::string& path,
                                    const std::string& attr,
                                    const std::vector<std::string>& values) {
    hsize_t n = values.size();
    Hid space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    if (values.empty()) {
      new_attribute(path, attr, H5T_IEEE_F64LE, space.get());
      return;
    }
    bool ascii = true;
    std::vector<const char*> pointers;
    for (const std::string& v : values) {
      if (v.find('\0') != std::string::npos) {
        throw ValueError(str("HDF5 string attribute '", attr,
                             "' cannot contain a NUL character"));
      }
      ascii = ascii && std::all_of(v.begin(), v.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x80;
              });
      pointers.push_back(v.c_str());
    }
    Hid type = utf8_vlen_string_type(ascii ? H5T_CSET_ASCII : H5T_CSET_UTF8);
    Hid attribute = new_attribute(path, attr, type.get(), space.get());
    if (H5Awrite(attribute.get(), type.get(), pointers.data()) < 0) {
      fail_hdf5(str("cannot write attribute '", attr, "'"));
    }
  }

  void write_fixed_string_array_attribute(
      const std::string& path, const std::string& attr,
      const std::vector<std::string>& values, std::size_t itemsize) {
    if (itemsize == 0) {
      throw ValueError(str("HDF5 fixed-length string attribute '", attr,
                           "' needs a positive item size"));
    }
    std::string buffer(values.size() * itemsize, '\0');
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i].size() > itemsize) {
        throw ValueError(str("HDF5 string attribute '", attr, "': '", values[i],
                             "' is longer than ", itemsize, " bytes"));
      }
      values[i].copy(buffer.data() + i * itemsize, values[i].size());
    }
    hsize_t n = values.size();
    Hid space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    Hid type = type_copy(H5T_C_S1);
    H5Tset_size(type.get(), itemsize);
    H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
    H5Tset_cset(type.get(), H5T_CSET_ASCII);
    Hid attribute = new_attribute(path, attr, type.get(), space.get());
    if (H5Awrite(attribute.get(), type.get(), buffer.data()) < 0) {
      fail_hdf5(str("cannot write attribute '", attr, "'"));
    }
  }

  std::string file_image() {
    check_open();
    if (writable && H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0) {
      fail_hdf5("cannot flush the file");
    }
    ssize_t size = H5Fget_file_image(file.get(), nullptr, 0);
    if (size < 0) fail_hdf5("cannot get the file image");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (H5Fget_file_image(file.get(), bytes.data(), bytes.size()) < 0) {
      fail_hdf5("cannot get the file image");
    }
    return bytes;
  }
};

// ============================================================================
// Opening and creating
// ============================================================================

namespace {

const char* kHdf5Signature = "\x89HDF\r\n\x1a\n";

// A unique driver-level name per in-memory file: HDF5 identifies open files
// by name, so two images opened under one name would alias each other.
std::string unique_image_name() {
  return str("keras-cpp-memory-", ::getpid(), "-", image_counter++);
}

Hid file_access_plist(bool in_memory) {
  Hid fapl = plist(H5P_FILE_ACCESS);
  if (in_memory) H5Pset_fapl_core(fapl.get(), 1 << 16, /*backing_store=*/0);
  // h5py's default bounds: objects in the earliest format able to hold them.
  H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_LATEST);
#if H5_VERSION_GE(1, 10, 7)
  // File locks fail on read-only or network file systems and gain nothing
  // for a file we read once or write whole.
  H5Pset_file_locking(fapl.get(), 0, 1);
#endif
  return fapl;
}

// The reason a byte string cannot be an HDF5 file, or "" when it may be one.
std::string image_problem(const std::string& bytes) {
  if (bytes.empty()) return "it is empty (0 bytes)";
  return "";
}

// The global heaps of bytes [offset, offset + size) of `fd`, read through a
// private read-only mapping (unmapped again, so the pages leave the
// process' resident set before the weights are read).
GlobalHeaps range_heaps(int fd, std::uint64_t offset, std::uint64_t size) {
  const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  const std::uint64_t start = offset / page * page;
  const auto length = static_cast<std::size_t>(size + (offset - start));
  void* map = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd,
                     static_cast<off_t>(start));
  if (map == MAP_FAILED) return {};  // H5Fopen reports an unreadable file
  GlobalHeaps heaps =
      scan_global_heaps(static_cast<const char*>(map) + (offset - start),
                        static_cast<std::size_t>(size));
  ::munmap(map, length);
  return heaps;
}

}  // namespace

H5File::H5File(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
H5File::H5File(H5File&&) noexcept = default;
H5File& H5File::operator=(H5File&& other) noexcept {
  if (this != &other) {
    Lock lock;
    impl_ = std::move(other.impl_);
  }
  return *this;
}
H5File::~H5File() {
  Lock lock;
  impl_.reset();
}

H5File::Impl& H5File::impl() const {
  if (!impl_) throw ValueError("Use of a moved-from H5File");
  return *impl_;
}

H5File H5File::open_image(const std::string& bytes,
                          const std::string& display_name,
                          const H5Limits& limits) {
  Lock lock;
  auto impl = std::make_unique<Impl>();
  impl->name = display_name;
  impl->limits = limits;
  impl->source_size = bytes.size();
  std::string problem = image_problem(bytes);
  if (problem.empty()) {
    impl->heaps = scan_global_heaps(bytes.data(), bytes.size());
    problem = impl->heaps.problem;
  }
  if (problem.empty()) {
    problem = root_header_problem(
        [&](std::uint64_t at, std::size_t size, unsigned char* out) {
          if (at > bytes.size() || size > bytes.size() - at) return false;
          std::memcpy(out, bytes.data() + at, size);
          return true;
        },
        bytes.size());
  }
  if (!problem.empty()) {
    throw FormatError(
        str(display_name, " is not a valid HDF5 file: ", problem));
  }
  Hid fapl = file_access_plist(true);
  // HDF5 copies the image; the caller's bytes may be freed after this call.
  if (H5Pset_file_image(fapl.get(), const_cast<char*>(bytes.data()),
                        bytes.size()) < 0) {
    throw FormatError(
        str(display_name, " cannot be opened: ", hdf5_error_message()));
  }
  impl->file =
      Hid(H5Fopen(unique_image_name().c_str(), H5F_ACC_RDONLY, fapl.get()),
          H5Fclose);
  if (!impl->file.valid()) {
    std::string why = hdf5_error_message();
    if (bytes.compare(0, 8, kHdf5Signature) != 0 &&
        why.find("signature") != std::string::npos) {
      why = "it does not start with the HDF5 signature (" + why + ")";
    }
    throw FormatError(str(display_name, " is not a valid HDF5 file: ", why));
  }
  impl->check_root();
  return H5File(std::move(impl));
}

H5File H5File::open(const std::string& path, const H5Limits& limits) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      throw FileError(str("File not found: ", path));
    }
    throw FileError(str("Could not open ", path, ": ", std::strerror(errno)));
  }
  // HDF5 would block forever opening a FIFO, and fail obscurely on a
  // directory.
  if (!S_ISREG(st.st_mode)) {
    throw FileError(str(path, " is not a regular file"));
  }
  return open_range(path, 0, static_cast<std::uint64_t>(st.st_size), path,
                    limits);
}

H5File H5File::open_range(const std::string& path, std::uint64_t offset,
                          std::uint64_t size, const std::string& display_name,
                          const H5Limits& limits) {
  // O_NONBLOCK: a FIFO put in place of the file must not block the open.
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      throw FileError(str("File not found: ", path));
    }
    throw FileError(str("Could not open ", path, ": ", std::strerror(errno)));
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    throw FileError(str(path, " is not a regular file"));
  }
  if (size == 0) {
    throw FormatError(
        str(display_name, " is not a valid HDF5 file: it is empty (0 bytes)"));
  }
  const auto file_size = static_cast<std::uint64_t>(st.st_size);
  if (offset > file_size || size > file_size - offset) {
    throw FormatError(str(display_name,
                          " is not a valid HDF5 file: it extends past the end "
                          "of ",
                          path, " (the file is truncated)"));
  }
  GlobalHeaps heaps = range_heaps(fd.get(), offset, size);
  std::string problem = heaps.problem;
  if (problem.empty()) {
    problem = root_header_problem(
        [&](std::uint64_t at, std::size_t n, unsigned char* out) {
          return at <= size && n <= size - at &&
                 ::pread(fd.get(), out, n, static_cast<off_t>(offset + at)) ==
                     static_cast<ssize_t>(n);
        },
        size);
  }
  if (!problem.empty()) {
    throw FormatError(
        str(display_name, " is not a valid HDF5 file: ", problem));
  }
  Lock lock;
  Hid fapl = file_access_plist(false);
  if (!set_fapl_byte_range(fapl.get(), fd.get(), offset, size)) {
    // An HDF5 whose driver interface the range driver does not implement:
    // read the bytes and open them in memory.
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (::pread(fd.get(), bytes.data(), bytes.size(),
                static_cast<off_t>(offset)) != static_cast<ssize_t>(size)) {
      throw FileError(str("Could not read ", path, ": ", std::strerror(errno)));
    }
    return open_image(bytes, display_name, limits);
  }
  auto impl = std::make_unique<Impl>();
  impl->heaps = std::move(heaps);
  impl->name = display_name;
  impl->limits = limits;
  impl->source_size = size;
  impl->source_offset = offset;
  impl->source = std::move(fd);
  impl->file =
      Hid(H5Fopen(unique_image_name().c_str(), H5F_ACC_RDONLY, fapl.get()),
          H5Fclose);
  if (!impl->file.valid()) {
    std::string why = hdf5_error_message();
    char head[8] = {};
    const ssize_t n = ::pread(impl->source.get(), head, sizeof head,
                              static_cast<off_t>(offset));
    if ((n != static_cast<ssize_t>(sizeof head) ||
         std::memcmp(head, kHdf5Signature, sizeof head) != 0) &&
        why.find("signature") != std::string::npos) {
      why = "it does not start with the HDF5 signature (" + why + ")";
    }
    throw FormatError(str(display_name, " is not a valid HDF5 file: ", why));
  }
  impl->check_root();
  return H5File(std::move(impl));
}

H5File H5File::create_in_memory(const std::string& display_name) {
  Lock lock;
  auto impl = std::make_unique<Impl>();
  impl->name = display_name;
  impl->writable = true;
  Hid fapl = file_access_plist(true);
  impl->file = Hid(H5Fcreate(unique_image_name().c_str(), H5F_ACC_EXCL,
                             H5P_DEFAULT, fapl.get()),
                   H5Fclose);
  if (!impl->file.valid()) {
    throw FormatError(str("Could not create the in-memory HDF5 file ",
                          display_name, ": ", hdf5_error_message()));
  }
  return H5File(std::move(impl));
}

H5File H5File::create(const std::string& path) {
  Lock lock;
  auto impl = std::make_unique<Impl>();
  impl->name = path;
  impl->writable = true;
  Hid fapl = file_access_plist(false);
  impl->file =
      Hid(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()),
          H5Fclose);
  if (!impl->file.valid()) {
    const int err = errno;
    throw FileError(str("Could not create ", path, ": ", std::strerror(err),
                        " (", hdf5_error_message(), ")"));
  }
  return H5File(std::move(impl));
}

bool H5File::can_write_in_place() {
  Lock lock;
  Hid fapl = file_access_plist(false);
  return set_fapl_byte_range_writer(fapl.get(), -1, 0);
}

H5File H5File::create_in_range(int fd, std::uint64_t offset,
                               const std::string& display_name) {
  Lock lock;
  Hid fapl = file_access_plist(false);
  if (!set_fapl_byte_range_writer(fapl.get(), fd, offset)) {
    throw FileError(str("Could not create ", display_name,
                        ": this HDF5 library cannot write in place"));
  }
  auto impl = std::make_unique<Impl>();
  impl->name = display_name;
  impl->writable = true;
  impl->file = Hid(H5Fcreate(unique_image_name().c_str(), H5F_ACC_TRUNC,
                             H5P_DEFAULT, fapl.get()),
                   H5Fclose);
  if (!impl->file.valid()) {
    throw FileError(
        str("Could not create ", display_name, ": ", hdf5_error_message()));
  }
  return H5File(std::move(impl));
}

// ============================================================================
// Public methods: take the lock, delegate to Impl
// ============================================================================

const std::string& H5File::name() const { return impl().name; }
const H5Limits& H5File::limits() const { return impl().limits; }

bool H5File::has(const std::string& path) const {
  Lock lock;
  return impl().resolve(path) != Kind::missing;
}

bool H5File::is_group(const std::string& path) const {
  Lock lock;
  return impl().resolve(path) == Kind::group;
}

bool H5File::is_dataset(const std::string& path) const {
  Lock lock;
  return impl().resolve(path) == Kind::dataset;
}

std::vector<std::string> H5File::children(const std::string& group_path) const {
  Lock lock;
  Impl& self = impl();
  const std::string p = self.absolute(group_path);
  Kind kind = self.resolve(group_path);
  if (kind == Kind::missing) self.fail(str("no group '", p, "'"));
  if (kind != Kind::group) self.fail(str("'", p, "' is not a group"));
  Hid group(H5Gopen2(self.file.get(), p.c_str(), H5P_DEFAULT), H5Gclose);
  if (!group.valid()) self.fail_hdf5(str("cannot open group '", p, "'"));
  std::vector<std::string> names;
  hsize_t index = 0;
  herr_t status = H5Literate(
      group.get(), H5_INDEX_NAME, H5_ITER_INC, &index,
      [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
      },
      &names);
  if (status < 0) self.fail_hdf5(str("cannot list group '", p, "'"));
  std::sort(names.begin(), names.end());
  return names;
}

Shape H5File::dataset_shape(const std::string& path) const {
  Lock lock;
  Impl& self = impl();
  Hid dataset = self.open_dataset(path);
  Hid space(H5Dget_space(dataset.get()), H5Sclose);
  return self.space_shape(space.get(),
                          str("dataset '", self.absolute(path), "'"));
}

Tensor H5File::read_dataset(const std::string& path) const {
  Lock lock;
  return impl().read_dataset(path, Tensor());
}

Tensor H5File::read_dataset_into(const std::string& path,
                                 const Tensor& target) const {
  Lock lock;
  return impl().read_dataset(path, target);
}

std::vector<std::string> H5File::attribute_names(
    const std::string& path) const {
  Lock lock;
  Impl& self = impl();
  Hid object = self.open_object(path);
  std::vector<std::string> names;
  hsize_t index = 0;
  herr_t status = H5Aiterate2(
      object.get(), H5_INDEX_NAME, H5_ITER_INC, &index,
      [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
      },
      &names);
  if (status < 0) {
    self.fail_hdf5(
        str("cannot list the attributes of '", self.absolute(path), "'"));
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool H5File::has_attribute(const std::string& path,
                           const std::string& name) const {
  Lock lock;
  return impl().open_attribute(path, name).valid();
}

std::optional<std::string> H5File::read_string_attribute(
    const std::string& path, const std::string& name) const {
  Lock lock;
  return impl().read_string_attribute(path, name);
}

std::vector<std::string> H5File::read_string_array_attribute(
    const std::string& path, const std::string& name) const {
  Lock lock;
  return impl().read_string_array_attribute(path, name);
}

std::optional<double> H5File::read_number_attribute(
    const std::string& path, const std::string& name) const {
  Lock lock;
  return impl().read_number_attribute(path, name);
}

void H5File::create_group(const std::string& path) {
  Lock lock;
  impl().create_group(path);
}

void H5File::write_dataset(const std::string& path, const Tensor& value) {
  Lock lock;
  impl().write_dataset(path, value);
}

void H5File::write_string_attribute(const std::string& path,
                                    const std::string& name,
                                    const std::string& value) {
  Lock lock;
  impl().write_string_attribute(path, name, value);
}

void H5File::write_bytes_attribute(const std::string& path,
                                   const std::string& name,
                                   const std::string& value) {
  Lock lock;
  impl().write_string_attribute(path, name, value, H5T_CSET_ASCII);
}

void H5File::write_string_array_attribute(
    const std::string& path, const std::string& name,
    const std::vector<std::string>& values) {
  Lock lock;
  impl().write_string_array_attribute(path, name, values);
}

void H5File::write_fixed_string_array_attribute(
    const std::string& path, const std::string& name,
    const std::vector<std::string>& values, std::size_t itemsize) {
  Lock lock;
  impl().write_fixed_string_array_attribute(path, name, values, itemsize);
}

std::string H5File::file_image() {
  Lock lock;
  return impl().file_image();
}

void H5File::close() {
  Lock lock;
  Impl& self = impl();
  self.check_open();
  if (self.file.close() < 0) {
    std::string why = hdf5_error_message();
    if (self.writable) {
      throw FileError(str("Could not write ", self.name, ": ", why));
    }
    throw FormatError(str(self.name, ": cannot close: ", why));
  }
}

}  // namespace keras::saving
