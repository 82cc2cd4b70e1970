#include "keras/saving/h5_range_driver.h"

#include <H5FDpublic.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <type_traits>

namespace keras::saving {

// The driver interface (H5FD_class_t) changed shape in HDF5 1.13; this
// driver implements the 1.10/1.12 one that Debian ships.
#if H5_VERS_MAJOR == 1 && (H5_VERS_MINOR == 10 || H5_VERS_MINOR == 12)
#define KERAS_H5_RANGE_DRIVER 1
#endif

#ifdef KERAS_H5_RANGE_DRIVER
namespace {

struct RangeInfo {
  int fd;
  std::uint64_t offset;
  std::uint64_t size;  // a new file's grows as it is written
  bool writable;
};

// HDF5 fills `pub`; the driver's state follows it (HDF5 hands back &pub).
struct RangeFile {
  H5FD_t pub;
  RangeInfo range;
  haddr_t eoa;
};

RangeFile* as_range(const H5FD_t* file) {
  return reinterpret_cast<RangeFile*>(const_cast<H5FD_t*>(file));
}

void* info_copy(const void* info) {
  auto* copy = static_cast<RangeInfo*>(std::malloc(sizeof(RangeInfo)));
  if (copy != nullptr) std::memcpy(copy, info, sizeof(RangeInfo));
  return copy;
}

herr_t info_free(void* info) {
  std::free(info);
  return 0;
}

H5FD_t* range_open(const char*, unsigned flags, hid_t fapl, haddr_t) {
  const auto* info = static_cast<const RangeInfo*>(H5Pget_driver_info(fapl));
  if (info == nullptr) return nullptr;
  const bool writes = flags & (H5F_ACC_RDWR | H5F_ACC_CREAT | H5F_ACC_TRUNC);
  if (writes != info->writable) return nullptr;
  auto* file = static_cast<RangeFile*>(std::calloc(1, sizeof(RangeFile)));
  if (file == nullptr) return nullptr;
  file->range = *info;
  if (flags & H5F_ACC_TRUNC) file->range.size = 0;
  return &file->pub;
}

herr_t range_close(H5FD_t* file) {
  std::free(as_range(file));
  return 0;
}

int range_cmp(const H5FD_t* a, const H5FD_t* b) {
  const RangeInfo& x = as_range(a)->range;
  const RangeInfo& y = as_range(b)->range;
  if (x.fd != y.fd) return x.fd < y.fd ? -1 : 1;
  if (x.offset != y.offset) return x.offset < y.offset ? -1 : 1;
  return 0;
}

herr_t range_query(const H5FD_t*, unsigned long* flags) {
  // Small metadata reads are gathered and raw data is sieved, as with the
  // default (sec2) driver.
  *flags = H5FD_FEAT_ACCUMULATE_METADATA | H5FD_FEAT_DATA_SIEVE |
           H5FD_FEAT_AGGREGATE_METADATA | H5FD_FEAT_AGGREGATE_SMALLDATA;
  return 0;
}

haddr_t range_get_eoa(const H5FD_t* file, H5FD_mem_t) {
  return as_range(file)->eoa;
}

herr_t range_set_eoa(H5FD_t* file, H5FD_mem_t, haddr_t addr) {
  as_range(file)->eoa = addr;
  return 0;
}

haddr_t range_get_eof(const H5FD_t* file, H5FD_mem_t) {
  return as_range(file)->range.size;
}

herr_t range_get_handle(H5FD_t* file, hid_t, void** handle) {
  *handle = &as_range(file)->range.fd;
  return 0;
}

// As the sec2 driver: reads within the allocated address space; bytes past
// the end of the range read as zeros.
herr_t range_read(H5FD_t* file, H5FD_mem_t, hid_t, haddr_t addr, size_t size,
                  void* buffer) {
  RangeFile* f = as_range(file);
  if (addr == HADDR_UNDEF || addr > f->eoa || size > f->eoa - addr) return -1;
  auto* out = static_cast<unsigned char*>(buffer);
  while (size > 0) {
    if (addr >= f->range.size) {
      std::memset(out, 0, size);
      return 0;
    }
    const std::uint64_t available = f->range.size - addr;
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(size, available));
    const ssize_t n = ::pread(f->range.fd, out, want,
                              static_cast<off_t>(f->range.offset + addr));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) {  // the file shrank underneath us
      std::memset(out, 0, size);
      return 0;
    }
    out += n;
    addr += static_cast<haddr_t>(n);
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

herr_t range_write(H5FD_t* file, H5FD_mem_t, hid_t, haddr_t addr, size_t size,
                   const void* buffer) {
  RangeFile* f = as_range(file);
  if (!f->range.writable || addr == HADDR_UNDEF || addr > f->eoa ||
      size > f->eoa - addr) {
    return -1;
  }
  const auto* in = static_cast<const unsigned char*>(buffer);
  const haddr_t end = addr + size;
  while (size > 0) {
    const ssize_t n = ::pwrite(f->range.fd, in, size,
                               static_cast<off_t>(f->range.offset + addr));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    in += n;
    addr += static_cast<haddr_t>(n);
    size -= static_cast<std::size_t>(n);
  }
  f->range.size = std::max<std::uint64_t>(f->range.size, end);
  return 0;
}

// As the sec2 driver: the file ends at the allocated address space. The
// range being written is the last thing in its file, so the file is cut (or
// zero-extended) there.
herr_t range_truncate(H5FD_t* file, hid_t, hbool_t) {
  RangeFile* f = as_range(file);
  if (!f->range.writable || f->eoa == f->range.size) return 0;
  if (::ftruncate(f->range.fd, static_cast<off_t>(f->range.offset + f->eoa)) !=
      0) {
    return -1;
  }
  f->range.size = f->eoa;
  return 0;
}

herr_t range_no_op(H5FD_t*, hid_t, hbool_t) { return 0; }
herr_t range_lock(H5FD_t*, hbool_t) { return 0; }
herr_t range_unlock(H5FD_t*) { return 0; }

H5FD_class_t make_class() {
  H5FD_class_t c;
  std::memset(&c, 0, sizeof c);
  c.name = "keras_byte_range";
  c.maxaddr = (haddr_t{1} << (8 * sizeof(off_t) - 1)) - 1;
  c.fc_degree = H5F_CLOSE_WEAK;
  c.fapl_size = sizeof(RangeInfo);
  c.fapl_copy = info_copy;
  c.fapl_free = info_free;
  c.open = range_open;
  c.close = range_close;
  c.cmp = range_cmp;
  c.query = range_query;
  c.get_eoa = range_get_eoa;
  c.set_eoa = range_set_eoa;
  c.get_eof = range_get_eof;
  c.get_handle = range_get_handle;
  c.read = range_read;
  c.write = range_write;
  c.flush = range_no_op;
  c.truncate = range_truncate;
  c.lock = range_lock;
  c.unlock = range_unlock;
  for (int type = 0; type < H5FD_MEM_NTYPES; ++type) {
    c.fl_map[type] = H5FD_MEM_DEFAULT;
  }
  return c;
}

hid_t driver_id() {
  // Registered once; HDF5 keeps its own copy of the class.
  static const H5FD_class_t cls = make_class();
  static const hid_t id = H5FDregister(&cls);
  return id;
}

}  // namespace

static_assert(std::is_same_v<hid_t, std::int64_t>);

bool set_fapl_byte_range(std::int64_t fapl, int fd, std::uint64_t offset,
                         std::uint64_t size) {
  const hid_t id = driver_id();
  if (id < 0) return false;
  const RangeInfo info{fd, offset, size, /*writable=*/false};
  return H5Pset_driver(fapl, id, &info) >= 0;
}

bool set_fapl_byte_range_writer(std::int64_t fapl, int fd,
                                std::uint64_t offset) {
  const hid_t id = driver_id();
  if (id < 0) return false;
  const RangeInfo info{fd, offset, 0, /*writable=*/true};
  return H5Pset_driver(fapl, id, &info) >= 0;
}

#else  // another HDF5 driver interface

bool set_fapl_byte_range(std::int64_t, int, std::uint64_t, std::uint64_t) {
  return false;
}

bool set_fapl_byte_range_writer(std::int64_t, int, std::uint64_t) {
  return false;
}

#endif

}  // namespace keras::saving
