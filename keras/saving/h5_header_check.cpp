#include "keras/saving/h5_header_check.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <vector>

#include "keras/core/error.h"
#include "keras/saving/internal/h5_check_util.h"

namespace keras::saving {

namespace {

// Message types (HDF5 file format specification, section IV.A.2).
constexpr unsigned kDataspace = 0x0001;
constexpr unsigned kDatatype = 0x0003;
constexpr unsigned kAttribute = 0x000C;
constexpr unsigned kContinuation = 0x0010;
constexpr unsigned kSymbolTable = 0x0011;
constexpr unsigned kAttributeInfo = 0x0015;
constexpr unsigned kLinkInfo = 0x0002;
// Message flag: the message is stored elsewhere (shared message heap or a
// committed datatype's header) and only referred to here.
constexpr unsigned kSharedFlag = 0x02;

constexpr int kMaxTypeDepth = 16;
constexpr unsigned kMaxRank = 32;         // H5S_MAX_RANK
constexpr std::size_t kMaxChunks = 4096;  // per object header
constexpr std::size_t kMaxChunkBytes = std::size_t{64} << 20;
// Smallest continuation chunk holding a message: an 8-byte message header
// (version 1) or "OCHK", a 4-byte header and the checksum (version 2).
constexpr std::uint64_t kMinContinuation = 8;

using Bad = internal::H5CheckFailure;
using internal::bad;

using internal::Cursor;

std::uint64_t checked_product(std::uint64_t a, std::uint64_t b,
                              const char* what) {
  std::uint64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) bad(str(what, " overflows"));
  return out;
}

struct Type {
  unsigned cls = 0;
  std::uint64_t size = 0;  // the size HDF5 gives the decoded type
};

// HDF5's H5VM_limit_enc_size: bytes needed to encode values up to `l`.
std::size_t limit_enc_size(std::uint64_t l) {
  std::size_t log2 = 0;
  while (l >>= 1) ++log2;
  return log2 / 8 + 1;
}

// One encoded datatype (H5O_dtype_decode_helper's walk, bounded).
Type parse_type(Cursor& c, const H5Geometry& g, int depth) {
  if (depth > kMaxTypeDepth) bad("a datatype nests too deeply");
  const unsigned char* head = c.take(8, "a datatype header");
  Type t;
  t.cls = head[0] & 0x0f;
  const unsigned version = head[0] >> 4;
  const std::uint32_t flags = head[1] | (head[2] << 8) | (head[3] << 16);
  t.size = head[4] | (head[5] << 8) | (head[6] << 16) |
           (static_cast<std::uint64_t>(head[7]) << 24);
  if (version < 1 || version > 3) {
    bad(str("a datatype has version ", version));
  }
  if (t.size == 0) bad("a datatype has size 0");
  const bool padded = version < 3;
  switch (t.cls) {
    case 0:  // integer
    case 4:  // bitfield
      c.take(4, "integer properties");
      break;
    case 1:  // float: HDF5 refuses these itself, but then crashes
             // releasing a half-built attribute table (H5A__close(NULL))
      if (((flags >> 4) & 3) == 3) bad("a float has unknown normalization");
      if (version >= 3 && (flags & 0x40) && !(flags & 1)) {
        bad("a float has an unknown byte order");
      }
      c.take(12, "floating-point properties");
      break;
    case 2:  // time
      c.take(2, "time properties");
      break;
    case 3:  // string
      break;
    case 5:  // opaque: the tag
      c.take(flags & 0xff, "an opaque tag");
      break;
    case 6: {  // compound
      const unsigned members = flags & 0xffff;
      if (members == 0) bad("a compound datatype has no members");
      const std::size_t offset_bytes =
          version >= 3 ? limit_enc_size(t.size) : 4;
      std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
      for (unsigned i = 0; i < members; ++i) {
        c.name(padded, "a compound member name");
        const std::uint64_t offset = c.uint(offset_bytes, "a member offset");
        std::uint64_t elements = 1;
        if (version == 1) {
          const unsigned ndims = *c.take(1, "a member rank");
          if (ndims > 4) bad("a compound member has rank > 4");
          c.take(11, "member reserved bytes");
          for (unsigned d = 0; d < 4; ++d) {
            const std::uint64_t dim = c.uint(4, "a member dimension");
            if (d < ndims) elements = checked_product(elements, dim, "a size");
          }
        }
        const Type member = parse_type(c, g, depth + 1);
        const std::uint64_t bytes =
            checked_product(member.size, elements, "a member size");
        if (offset > t.size || bytes > t.size - offset) {
          bad(str("compound member ", i, " (", bytes, " bytes at offset ",
                  offset, ") lies outside its ", t.size, "-byte type"));
        }
        spans.emplace_back(offset, offset + bytes);
      }
      std::sort(spans.begin(), spans.end());
      for (std::size_t i = 1; i < spans.size(); ++i) {
        if (spans[i].first < spans[i - 1].second) {
          bad("compound members overlap");
        }
      }
      break;
    }
    case 7: {  // reference
      const unsigned kind = flags & 0x0f;
      const std::uint64_t expected = kind == 0   ? g.sizeof_addr
                                     : kind == 1 ? g.sizeof_addr + 4u
                                                 : 0;
      if (expected == 0 || t.size != expected) {
        bad(str("a reference datatype of kind ", kind, " has size ", t.size));
      }
      break;
    }
    case 8: {  // enum: base type, names, values
      const unsigned members = flags & 0xffff;
      const Type base = parse_type(c, g, depth + 1);
      if (base.cls != 0 || base.size != t.size) {
        bad("an enum datatype's base is not an integer of its size");
      }
      for (unsigned i = 0; i < members; ++i) c.name(padded, "an enum name");
      c.take(checked_product(members, base.size, "enum values"), "enum values");
      break;
    }
    case 9: {  // variable length: base type; stored as length + heap ID
      const Type base = parse_type(c, g, depth + 1);
      if (t.size != 8u + g.sizeof_addr) {
        bad(str("a variable-length datatype has size ", t.size));
      }
      // HDF5 converts a string of n characters through a buffer of n x
      // the base type's size: 4 GiB characters made fuzz_legacy_h5
      // allocate 20 GiB for a 5-character string.
      if ((flags & 0x0f) == 1 && base.size != 1) {
        bad(str("a variable-length string has ", base.size,
                "-byte characters"));
      }
      break;
    }
    case 10: {  // array: rank, dims, [permutation], base type
      const unsigned ndims = *c.take(1, "an array rank");
      if (ndims > kMaxRank) bad("an array datatype has rank > 32");
      if (padded) c.take(3, "array reserved bytes");
      std::uint64_t elements = 1;
      for (unsigned d = 0; d < ndims; ++d) {
        elements = checked_product(elements, c.uint(4, "an array dimension"),
                                   "an array size");
      }
      if (padded) c.take(4u * ndims, "an array permutation");
      const Type base = parse_type(c, g, depth + 1);
      if (checked_product(elements, base.size, "an array size") != t.size) {
        bad(str("an array datatype of size ", t.size, " holds ", elements,
                " elements of ", base.size, " bytes"));
      }
      break;
    }
    default:
      bad(str("a datatype has unknown class ", t.cls));
  }
  return t;
}

// One encoded dataspace (H5O_sdspace_decode's walk); returns the number
// of elements HDF5 computes for it.
std::uint64_t parse_space(Cursor& c, const H5Geometry& g) {
  const unsigned version = *c.take(1, "a dataspace version");
  const unsigned rank = *c.take(1, "a dataspace rank");
  const unsigned flags = *c.take(1, "dataspace flags");
  if (version < 1 || version > 2) {
    bad(str("a dataspace has version ", version));
  }
  if (rank > kMaxRank) bad(str("a dataspace has rank ", rank));
  unsigned type = rank > 0 ? 1 : 0;  // version 1: simple or scalar
  if (version == 2) {
    type = *c.take(1, "a dataspace type");
    if (type > 2) bad(str("a dataspace has type ", type));
  } else {
    c.take(5, "dataspace reserved bytes");
  }
  std::uint64_t elements = 1;
  for (unsigned d = 0; d < rank; ++d) {
    elements = checked_product(elements, c.uint(g.sizeof_size, "a dimension"),
                               "a dataspace size");
  }
  if (flags & 1) c.take(std::size_t{rank} * g.sizeof_size, "maximum dims");
  return type == 2 ? 0 : elements;
}

void check_datatype_message(const unsigned char* data, std::size_t size,
                            const H5Geometry& g) {
  Cursor c(data, size);
  parse_type(c, g, 0);
}

void check_dataspace_message(const unsigned char* data, std::size_t size,
                             const H5Geometry& g) {
  Cursor c(data, size);
  parse_space(c, g);
}

std::size_t align8(std::size_t n) { return (n + 7) / 8 * 8; }

// H5O_attr_decode's walk: header, name, datatype, dataspace, data.
void check_attribute_message(const unsigned char* data, std::size_t size,
                             const H5Geometry& g) {
  Cursor c(data, size);
  const unsigned version = *c.take(1, "an attribute version");
  const unsigned flags = *c.take(1, "attribute flags");
  if (version < 1 || version > 3) {
    bad(str("an attribute has version ", version));
  }
  if (version >= 2 && flags != 0) {
    bad("an attribute's datatype or dataspace is shared (not supported)");
  }
  const std::size_t name_size = c.uint(2, "an attribute name size");
  const std::size_t type_size = c.uint(2, "an attribute datatype size");
  const std::size_t space_size = c.uint(2, "an attribute dataspace size");
  if (version == 3) c.take(1, "an attribute name encoding");
  const bool old = version == 1;
  const unsigned char* name =
      c.take(old ? align8(name_size) : name_size, "an attribute name");
  if (name_size == 0 || std::memchr(name, 0, name_size) == nullptr) {
    bad("an attribute name is not NUL-terminated within its size");
  }
  Cursor type_bytes(
      c.take(old ? align8(type_size) : type_size, "an attribute datatype"),
      type_size);
  const Type type = parse_type(type_bytes, g, 0);
  Cursor space_bytes(
      c.take(old ? align8(space_size) : space_size, "an attribute dataspace"),
      space_size);
  const std::uint64_t elements = parse_space(space_bytes, g);
  c.take(checked_product(elements, type.size, "the attribute data size"),
         "the attribute data");
}

std::string problem_of(void (*check)(const unsigned char*, std::size_t,
                                     const H5Geometry&),
                       const unsigned char* data, std::size_t size,
                       const H5Geometry& g) {
  try {
    check(data, size, g);
  } catch (const Bad& b) {
    return b.why;
  }
  return "";
}

const char* message_name(unsigned type) {
  switch (type) {
    case kDataspace:
      return "dataspace";
    case kDatatype:
      return "datatype";
    case kAttribute:
      return "attribute";
    case 0x04:
      return "old fill value";
    case 0x05:
      return "fill value";
    case 0x06:
      return "link";
    case 0x07:
      return "external file list";
    case 0x08:
      return "layout";
    case 0x0B:
      return "filter pipeline";
    case 0x0D:
      return "comment";
    default:
      return "unknown";
  }
}

// Walks the chunks of one object header.
class HeaderWalk {
 public:
  HeaderWalk(const H5RawReader& read, const H5Geometry& g, std::uint64_t at)
      : read_(read), g_(g), address_(at) {}

  void run() {
    unsigned char signature[4] = {};
    if (!read_(address_, 4, signature)) bad("it lies outside the file");
    if (std::memcmp(signature, "OHDR", 4) == 0) {
      run_v2();
    } else {
      run_v1();
    }
  }

 private:
  std::vector<unsigned char> bytes(std::uint64_t at, std::uint64_t size,
                                   const char* what) {
    return internal::read_in_file(read_, g_, at, size, what, kMaxChunkBytes);
  }

  void add_chunk(std::uint64_t at, std::uint64_t size) {
    if (!visited_.insert(at).second) bad("its continuation chunks loop");
    if (visited_.size() > kMaxChunks) bad("it has too many chunks");
    pending_.push_back({at, size});
  }

  // Version 1: a 16-byte prefix, then messages of 8-byte headers (type 2,
  // size 2, flags 1, reserved 3) in chunks without signatures.
  void run_v1() {
    const std::vector<unsigned char> prefix = bytes(address_, 16, "prefix");
    if (prefix[0] != 1) {
      bad(str("it has version ", unsigned{prefix[0]}));
    }
    const std::uint64_t size = prefix[8] | (prefix[9] << 8) |
                               (prefix[10] << 16) |
                               (static_cast<std::uint64_t>(prefix[11]) << 24);
    add_chunk(address_ + 16, size);
    while (!pending_.empty()) {
      const auto [at, length] = pending_.back();
      pending_.pop_back();
      const std::vector<unsigned char> chunk = bytes(at, length, "chunk");
      std::size_t p = 0;
      while (chunk.size() - p >= 8) {
        const unsigned type = chunk[p] | (chunk[p + 1] << 8);
        const std::size_t msg_size = chunk[p + 2] | (chunk[p + 3] << 8);
        const unsigned flags = chunk[p + 4];
        p += 8;
        if (msg_size % 8 != 0) {
          bad(str("message ", messages_, " has unaligned size ", msg_size));
        }
        if (msg_size > chunk.size() - p) {
          bad(str("message ", messages_, " (", msg_size,
                  " bytes) runs past its chunk"));
        }
        message(type, flags, chunk.data() + p, msg_size);
        p += msg_size;
      }
    }
  }

  // Version 2: "OHDR", version, flags, [times], [attribute phase change],
  // chunk 0 size (1/2/4/8 bytes), messages (type 1, size 2, flags 1,
  // [creation order 2]), checksum; continuation chunks start with "OCHK".
  void run_v2() {
    const std::vector<unsigned char> head = bytes(address_, 6, "prefix");
    if (head[4] != 2) bad(str("it has version ", unsigned{head[4]}));
    const unsigned flags = head[5];
    std::uint64_t at = address_ + 6;
    if (flags & 0x20) at += 16;
    if (flags & 0x10) at += 4;
    const std::size_t width = std::size_t{1} << (flags & 3);
    const std::vector<unsigned char> size_bytes = bytes(at, width, "prefix");
    const std::uint64_t size = internal::little_endian(
        size_bytes.data(), static_cast<unsigned>(width));
    const std::size_t message_header = (flags & 0x04) ? 6 : 4;
    add_chunk(at + width, size);
    bool first = true;
    while (!pending_.empty()) {
      const auto [start, length] = pending_.back();
      pending_.pop_back();
      // Chunk 0's size excludes the checksum; a continuation's includes
      // its signature and checksum.
      const std::uint64_t total = first ? length + 4 : length;
      const std::vector<unsigned char> chunk = bytes(start, total, "chunk");
      std::size_t p = 0;
      if (!first) {
        if (chunk.size() < 8 || std::memcmp(chunk.data(), "OCHK", 4) != 0) {
          bad("a continuation chunk lacks its OCHK signature");
        }
        p = 4;
      }
      first = false;
      const std::size_t end = chunk.size() - 4;  // before the checksum
      while (end - p >= message_header) {
        const unsigned type = chunk[p];
        const std::size_t msg_size = chunk[p + 1] | (chunk[p + 2] << 8);
        const unsigned msg_flags = chunk[p + 3];
        p += message_header;
        if (msg_size > end - p) {
          bad(str("message ", messages_, " (", msg_size,
                  " bytes) runs past its chunk"));
        }
        message(type, msg_flags, chunk.data() + p, msg_size);
        p += msg_size;
      }
    }
  }

  void message(unsigned type, unsigned flags, const unsigned char* data,
               std::size_t size) {
    const std::size_t index = messages_++;
    // A shared message is stored elsewhere (another object header, or the
    // shared-message heap a superblock extension names, which a version 0
    // file lacks: HDF5 then reads through NULL). Keras and h5py share none.
    if (flags & kSharedFlag) {
      bad(str("its ", message_name(type), " message ", index,
              " is shared (not supported)"));
    }
    if (type == kContinuation) {
      Cursor c(data, size);
      const std::uint64_t at = c.uint(g_.sizeof_addr, "a continuation");
      const std::uint64_t length = c.uint(g_.sizeof_size, "a continuation");
      // HDF5 fails on an empty chunk or one at address 0 (the superblock),
      // and its error path then leaks the header it was loading.
      if (at == 0 || length < kMinContinuation) {
        bad(str("continuation message ", index, " points to ", length,
                " bytes at byte ", at));
      }
      add_chunk(at, length);
      return;
    }
    if (type == kSymbolTable) {
      Cursor c(data, size);
      const std::uint64_t btree = c.uint(g_.sizeof_addr, "a symbol table");
      const std::uint64_t heap = c.uint(g_.sizeof_addr, "a symbol table");
      const std::string why = symbol_table_problem(read_, g_, btree, heap);
      if (!why.empty()) {
        bad(str("symbol table message ", index, " is corrupt: ", why));
      }
      return;
    }
    if (type == kAttributeInfo || type == kLinkInfo) {
      refuse_dense_storage(type == kAttributeInfo ? "attributes" : "links",
                           type == kAttributeInfo ? 2 : 8, data, size);
      return;
    }
    if (message_is_checked(type)) {
      const std::string why = message_problem(type, data, size, g_, &chunks_);
      if (!why.empty()) {
        bad(str(message_name(type), " message ", index, " is corrupt: ", why));
      }
      return;
    }
    if (type != kDataspace && type != kDatatype && type != kAttribute) return;
    const std::string why =
        problem_of(type == kDataspace  ? check_dataspace_message
                   : type == kDatatype ? check_datatype_message
                                       : check_attribute_message,
                   data, size, g_);
    if (!why.empty()) {
      bad(str(message_name(type), " message ", index, " is corrupt: ", why));
    }
    if (type == kDatatype) element_size_ = internal::little_endian(data + 4, 4);
  }

  // Attribute and link info messages: version, flags, [maximum creation
  // index], the address of a fractal heap that stores the attributes or
  // links densely; HDF5 reads those from elsewhere, so they are refused.
  void refuse_dense_storage(const char* what, std::size_t index_size,
                            const unsigned char* data, std::size_t size) {
    Cursor c(data, size);
    c.take(1, "an info message version");
    const unsigned info_flags = *c.take(1, "info message flags");
    if (info_flags & 1) c.take(index_size, "a maximum creation index");
    const unsigned char* heap = c.take(g_.sizeof_addr, "a heap address");
    for (unsigned i = 0; i < g_.sizeof_addr; ++i) {
      if (heap[i] != 0xff) {
        bad(str("its ", what,
                " are stored densely in a fractal heap (not supported)"));
      }
    }
  }

  const H5RawReader& read_;
  const H5Geometry& g_;
  std::uint64_t address_;
  std::set<std::uint64_t> visited_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pending_;
  std::size_t messages_ = 0;

 public:
  H5ChunkIndex chunks_;             // from a chunked layout message
  std::uint64_t element_size_ = 0;  // from the datatype message
};

}  // namespace

std::string object_header_problem(const H5RawReader& read,
                                  const H5Geometry& geometry,
                                  std::uint64_t address) {
  if (geometry.sizeof_addr < 2 || geometry.sizeof_addr > 8 ||
      geometry.sizeof_size < 2 || geometry.sizeof_size > 8) {
    return "the superblock's address or length size is not 2..8 bytes";
  }
  HeaderWalk walk(read, geometry, address);
  try {
    walk.run();
  } catch (const Bad& b) {
    return str("the object header at byte ", address, ": ", b.why);
  }
  // HDF5 sizes a chunk by the datatype, not by the layout's last dimension.
  if (walk.chunks_.elements * walk.element_size_ > 0xFFFFFFFFu) {
    return str("the dataset at byte ", address, " has chunks of ",
               walk.chunks_.elements, " elements of ", walk.element_size_,
               " bytes: 4 GiB or more");
  }
  const std::string why = chunk_index_problem(read, geometry, walk.chunks_);
  if (!why.empty()) {
    return str("the chunk index of the dataset at byte ", address, ": ", why);
  }
  return "";
}

std::optional<H5Superblock> read_superblock(const H5RawReader& read,
                                            std::uint64_t file_size) {
  static const unsigned char kSignature[8] = {0x89, 'H',  'D',  'F',
                                              '\r', '\n', 0x1a, '\n'};
  H5Superblock sb;
  unsigned char head[16] = {};
  for (;; sb.base = sb.base == 0 ? 512 : sb.base * 2) {
    if (sb.base >= file_size || file_size - sb.base < sizeof head) {
      return std::nullopt;
    }
    if (read(sb.base, sizeof head, head) &&
        std::memcmp(head, kSignature, sizeof kSignature) == 0) {
      break;
    }
  }
  const unsigned version = head[8];
  H5Geometry& g = sb.geometry;
  std::uint64_t addresses = 0;  // offset of the base address field
  if (version <= 1) {
    g.sizeof_addr = head[13];
    g.sizeof_size = head[14];
    addresses = version == 0 ? 24 : 28;
    unsigned char k[4] = {};
    if (!read(sb.base + 16, sizeof k, k)) return std::nullopt;
    g.sym_leaf_k = k[0] | (k[1] << 8);
    g.btree_k = k[2] | (k[3] << 8);
    if (version == 1) {
      if (!read(sb.base + 24, 2, k)) return std::nullopt;
      g.chunk_btree_k = k[0] | (k[1] << 8);
    }
  } else if (version <= 3) {
    g.sizeof_addr = head[9];
    g.sizeof_size = head[10];
    addresses = 12;
  } else {
    return std::nullopt;
  }
  if (g.sizeof_addr < 2 || g.sizeof_addr > 8 || g.sizeof_size < 2 ||
      g.sizeof_size > 8) {
    return std::nullopt;
  }
  // base, free-space or extension, end-of-file, then (versions 0-1) the
  // driver info and the root symbol table entry's link name offset and
  // object header address, or (versions 2-3) the root's header address
  const unsigned count = version <= 1 ? 6 : 4;
  unsigned char fields[6 * 8] = {};
  if (!read(sb.base + addresses, std::size_t{count} * g.sizeof_addr, fields)) {
    return std::nullopt;
  }
  auto address = [&](unsigned i) {
    std::uint64_t v = 0;
    for (unsigned b = g.sizeof_addr; b-- > 0;) {
      v = (v << 8) | fields[i * g.sizeof_addr + b];
    }
    return v;
  };
  sb.root = address(count - 1);
  // HDF5 counts addresses from the superblock whatever the stored base
  // address says, and moves the end-of-file address by the difference
  // (H5F__super_read), in unsigned arithmetic.
  const std::uint64_t end_of_file = address(2) - (address(0) - sb.base);
  g.file_size = std::min(file_size - sb.base, end_of_file);
  return sb;
}

std::string root_header_problem(const H5RawReader& read,
                                std::uint64_t file_size) {
  const std::optional<H5Superblock> sb = read_superblock(read, file_size);
  if (!sb) return "";
  return object_header_problem(
      [&](std::uint64_t at, std::size_t size, unsigned char* out) {
        return at <= sb->geometry.file_size &&
               size <= sb->geometry.file_size - at &&
               read(sb->base + at, size, out);
      },
      sb->geometry, sb->root);
}

std::string datatype_message_problem(const unsigned char* data,
                                     std::size_t size,
                                     const H5Geometry& geometry) {
  return problem_of(check_datatype_message, data, size, geometry);
}

std::string dataspace_message_problem(const unsigned char* data,
                                      std::size_t size,
                                      const H5Geometry& geometry) {
  return problem_of(check_dataspace_message, data, size, geometry);
}

std::string attribute_message_problem(const unsigned char* data,
                                      std::size_t size,
                                      const H5Geometry& geometry) {
  return problem_of(check_attribute_message, data, size, geometry);
}

}  // namespace keras::saving
