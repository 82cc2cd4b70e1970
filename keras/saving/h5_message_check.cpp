// Dataset and link messages HDF5 1.10.8 decodes trusting their sizes
// (h5_header_check.h): the fill value decoders malloc and memcpy the
// declared fill size, the layout decoder the declared compact data size,
// the filter pipeline decoder strlen's filter names and reads the declared
// count of client values, the external file list decoder fills `used`
// slots of an array of `allocated`, the link decoder copies the declared
// name and soft link lengths, and the comment decoder strdup's. Each check
// walks the message as HDF5 will, within the message's own size.
#include <cstring>

#include "keras/core/error.h"
#include "keras/saving/h5_header_check.h"
#include "keras/saving/internal/h5_check_util.h"

namespace keras::saving {

namespace {

using Bad = internal::H5CheckFailure;
using internal::bad;
using internal::Cursor;

constexpr unsigned kMaxLayoutRank = 33;  // H5O_LAYOUT_NDIMS
constexpr unsigned kMaxFilters = 32;     // H5Z_MAX_NFILTERS

std::size_t message_align8(std::size_t n) { return (n + 7) / 8 * 8; }

// Old fill value message (0x04): size, value.
void check_old_fill(Cursor& c) {
  c.take(c.uint(4, "a fill value size"), "the fill value");
}

// Fill value message (0x05): versions 1-2 carry allocation time, write
// time and "defined" bytes, version 3 one flags byte; a size and value
// follow (version 1 always, later versions when a value is defined).
void check_fill(Cursor& c) {
  const unsigned version = *c.take(1, "a fill value version");
  bool has_value = false;
  if (version == 1 || version == 2) {
    const unsigned char* flags = c.take(3, "fill value flags");
    has_value = version == 1 || flags[2] != 0;
  } else if (version == 3) {
    has_value = (*c.take(1, "fill value flags") & 0x20) != 0;
  } else {
    bad(str("a fill value message has version ", version));
  }
  if (has_value) c.take(c.uint(4, "a fill value size"), "the fill value");
}

H5ChunkIndex chunk_index(std::uint64_t address, unsigned rank,
                         const H5Geometry& g, std::uint64_t elements) {
  const std::uint64_t undefined =
      g.sizeof_addr >= 8 ? ~std::uint64_t{0}
                         : (std::uint64_t{1} << (8 * g.sizeof_addr)) - 1;
  return {address == undefined ? H5ChunkIndex::kUndefined : address, rank,
          elements};
}

// A chunked layout's dimensions, the last the element size: each positive
// and their product, a chunk's bytes, under 4 GiB (so is the product with
// the datatype's own size: chunk_size_problem). HDF5 refuses such chunks
// too, but leaks what it allocated for the dataset on the way out. Returns
// the elements per chunk.
std::uint64_t check_chunk_dims(Cursor& c, unsigned rank) {
  std::uint64_t bytes = 1, elements = 1;
  for (unsigned i = 0; i < rank; ++i) {
    const std::uint64_t d = c.uint(4, "a chunk dimension");
    if (d == 0) bad("a chunk dimension is 0");
    bytes *= d;  // at most 2^32 per factor: checked before it can overflow
    if (bytes > 0xFFFFFFFFu) bad("a chunk is 4 GiB or more");
    if (i + 1 < rank) elements *= d;
  }
  return elements;
}

// Data layout message (0x08).
void check_layout(Cursor& c, const H5Geometry& g, H5ChunkIndex* chunks) {
  const unsigned version = *c.take(1, "a layout version");
  if (version == 1 || version == 2) {
    const unsigned rank = *c.take(1, "a layout rank");
    const unsigned cls = *c.take(1, "a layout class");
    c.take(5, "layout reserved bytes");
    if (rank > kMaxLayoutRank) bad(str("a layout has rank ", rank));
    const std::uint64_t address =
        cls != 0 ? c.uint(g.sizeof_addr, "a layout address") : 0;
    std::uint64_t elements = 0;
    if (cls == 2) {
      elements = check_chunk_dims(c, rank);
    } else {
      c.take(std::size_t{rank} * 4, "layout dimensions");
    }
    if (cls == 0) c.take(c.uint(4, "a compact data size"), "compact data");
    if (cls == 2 && chunks != nullptr) {
      *chunks = chunk_index(address, rank, g, elements);
    }
    return;
  }
  if (version == 3) {
    const unsigned cls = *c.take(1, "a layout class");
    if (cls == 0) {
      c.take(c.uint(2, "a compact data size"), "compact data");
    } else if (cls == 1) {
      c.take(g.sizeof_addr + g.sizeof_size, "a contiguous layout");
    } else if (cls == 2) {
      const unsigned rank = *c.take(1, "a layout rank");
      if (rank == 0 || rank > kMaxLayoutRank) {
        bad(str("a chunked layout has rank ", rank));
      }
      const std::uint64_t address = c.uint(g.sizeof_addr, "a chunk index");
      const std::uint64_t elements = check_chunk_dims(c, rank);
      if (chunks != nullptr) *chunks = chunk_index(address, rank, g, elements);
    } else {
      bad(str("a layout has class ", cls));
    }
    return;
  }
  if (version == 4) {
    const unsigned cls = *c.take(1, "a layout class");
    if (cls == 2) {
      bad("a chunked layout of version 4 (not supported: Keras and h5py's "
          "defaults write version 3)");
    }
    if (cls == 0) c.take(c.uint(2, "a compact data size"), "compact data");
    if (cls == 1) c.take(g.sizeof_addr + g.sizeof_size, "a contiguous layout");
    if (cls == 3) c.take(g.sizeof_addr + 4, "a virtual layout");
    if (cls > 3) bad(str("a layout has class ", cls));
    return;
  }
  bad(str("a layout has version ", version));
}

// Filter pipeline message (0x0B): per filter an id, a name size (version
// 1, or ids from 256), flags, a count of 4-byte client values, the name
// (padded to 8 in version 1), the values (padded to 8 in version 1).
void check_filters(Cursor& c) {
  const unsigned version = *c.take(1, "a filter pipeline version");
  const unsigned count = *c.take(1, "a filter count");
  if (version != 1 && version != 2) {
    bad(str("a filter pipeline has version ", version));
  }
  if (count > kMaxFilters) {
    bad(str("a filter pipeline has ", count, " filters"));
  }
  if (version == 1) c.take(6, "filter pipeline reserved bytes");
  for (unsigned i = 0; i < count; ++i) {
    const std::uint64_t id = c.uint(2, "a filter id");
    const bool named = version == 1 || id >= 256;
    const std::size_t name_size = named ? c.uint(2, "a filter name size") : 0;
    c.take(2, "filter flags");
    const std::size_t values = c.uint(2, "a filter value count");
    const unsigned char* name = c.take(
        version == 1 ? message_align8(name_size) : name_size, "a filter name");
    if (name_size > 0 && std::memchr(name, 0, name_size) == nullptr) {
      bad("a filter name is not NUL-terminated within its size");
    }
    c.take(values * 4, "filter client values");
    if (version == 1 && values % 2 == 1) c.take(4, "filter value padding");
  }
}

// External file list (0x07): version, reserved, allocated and used slot
// counts, the heap of file names, then the used slots.
void check_external_files(Cursor& c, const H5Geometry& g) {
  c.take(4, "an external file list header");
  const std::size_t allocated = c.uint(2, "external file slots");
  const std::size_t used = c.uint(2, "external file slots");
  if (allocated == 0 || used > allocated) {
    bad(str("an external file list uses ", used, " of ", allocated, " slots"));
  }
  c.take(g.sizeof_addr, "an external file name heap");
  c.take(used * 3 * g.sizeof_size, "external file slots");
}

// Link message (0x06): version 1, flags, [type], [creation order],
// [name charset], name size (1-8 bytes as flags say), name, target.
void check_link(Cursor& c, const H5Geometry& g) {
  const unsigned version = *c.take(1, "a link version");
  const unsigned flags = *c.take(1, "link flags");
  if (version != 1) bad(str("a link message has version ", version));
  unsigned type = 0;
  if (flags & 0x08) type = *c.take(1, "a link type");
  if (flags & 0x04) c.take(8, "a link creation order");
  if (flags & 0x10) c.take(1, "a link name charset");
  const std::uint64_t name_size =
      c.uint(std::size_t{1} << (flags & 3), "a link name size");
  if (name_size == 0) bad("a link has an empty name");
  c.take(name_size, "a link name");
  if (type == 0) {
    c.take(g.sizeof_addr, "a hard link address");
  } else if (type == 1 || type >= 64) {
    const std::size_t target = c.uint(2, "a link target size");
    // HDF5 reads the version byte of an external or user-defined link's
    // data through a NULL pointer when there is none (H5L__extern_query,
    // found by fuzz_weights_h5); a soft link needs a path too.
    if (target == 0) bad("a soft, external or user-defined link has no target");
    c.take(target, "a link target");
  } else {
    bad(str("a link has type ", type));
  }
}

// Comment (0x0D): a NUL-terminated string HDF5 strdup's.
void check_comment(Cursor& c) {
  const std::size_t size = c.left();
  if (std::memchr(c.take(size, "a comment"), 0, size) == nullptr) {
    bad("a comment is not NUL-terminated within its message");
  }
}

}  // namespace

bool message_is_checked(unsigned type) {
  switch (type) {
    case 0x04:
    case 0x05:
    case 0x06:
    case 0x07:
    case 0x08:
    case 0x0B:
    case 0x0D:
      return true;
    default:
      return false;
  }
}

std::string message_problem(unsigned type, const unsigned char* data,
                            std::size_t size, const H5Geometry& geometry,
                            H5ChunkIndex* chunks) {
  Cursor c(data, size);
  try {
    switch (type) {
      case 0x04:
        check_old_fill(c);
        break;
      case 0x05:
        check_fill(c);
        break;
      case 0x06:
        check_link(c, geometry);
        break;
      case 0x07:
        check_external_files(c, geometry);
        break;
      case 0x08:
        check_layout(c, geometry, chunks);
        break;
      case 0x0B:
        check_filters(c);
        break;
      case 0x0D:
        check_comment(c);
        break;
      default:
        break;
    }
  } catch (const Bad& b) {
    return b.why;
  }
  return "";
}

}  // namespace keras::saving
