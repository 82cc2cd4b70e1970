#include "keras/saving/h5_heap_check.h"

#include <cstdint>
#include <cstring>
#include <string_view>

#include "keras/core/error.h"

namespace keras::saving {

namespace {

// HDF5's global heap layout with 8-byte lengths (h5py's and Keras' files):
// header = "GCOL", version, 3 reserved, collection size; objects = index (2),
// reference count (2), reserved (4), size (8), data padded to 8 bytes.
constexpr std::size_t kHeaderSize = 16;
constexpr std::size_t kObjectHeaderSize = 16;
constexpr std::uint64_t kMinCollectionSize = 4096;

std::uint64_t le64(const char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(p[i]);
  }
  return v;
}

std::uint32_t le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) |
         (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) |
         (static_cast<std::uint32_t>(p[3]) << 24);
}

std::uint16_t le16(const char* p) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(p[0]) |
                                    (static_cast<unsigned char>(p[1]) << 8));
}

// The problem of the collection at `at` ("" when fine or not a collection);
// records its objects in `objects`.
std::string collection_problem(
    const char* data, std::size_t size, std::size_t at,
    std::map<std::uint32_t, std::uint64_t>* objects) {
  if (size - at < kHeaderSize) return "";
  objects->clear();
  const char* h = data + at;
  if (h[4] != 1 || h[5] != 0 || h[6] != 0 || h[7] != 0) return "";
  const std::uint64_t length = le64(h + 8);
  if (length < kMinCollectionSize || length > size - at) return "";
  const std::size_t end = at + length;
  std::size_t p = at + kHeaderSize;
  while (end - p >= kObjectHeaderSize) {
    const std::uint16_t index = le16(data + p);
    const std::uint64_t object_size = le64(data + p + 8);
    std::uint64_t need = 0;
    if (index == 0) {
      need = object_size;  // free space: its size covers its header
    } else if (object_size <= length) {
      need = kObjectHeaderSize + (object_size + 7) / 8 * 8;
    } else {
      need = UINT64_MAX;
    }
    if (need < kObjectHeaderSize || need > end - p) {
      return str("global heap collection at byte ", at, ": object ", index,
                 " at byte ", p, " declares ", object_size,
                 " bytes, which do not fit in the collection (", length,
                 " bytes)");
    }
    if (index != 0) (*objects)[index] = object_size;
    p += need;
  }
  return "";
}

// Offset of the HDF5 signature (0, 512, 1024, ...): the base address.
std::size_t base_address(const char* data, std::size_t size) {
  const std::string_view all(data, size);
  for (std::size_t at = 0; at + 8 <= size; at = at == 0 ? 512 : at * 2) {
    if (all.compare(at, 8, "\x89HDF\r\n\x1a\n") == 0) return at;
  }
  return 0;
}

}  // namespace

GlobalHeaps scan_global_heaps(const char* data, std::size_t size) {
  GlobalHeaps heaps;
  const std::size_t base = base_address(data, size);
  const std::string_view all(data, size);
  for (std::size_t at = all.find("GCOL"); at != std::string_view::npos;
       at = all.find("GCOL", at + 1)) {
    std::map<std::uint32_t, std::uint64_t> objects;
    heaps.problem = collection_problem(data, size, at, &objects);
    if (!heaps.problem.empty()) return heaps;
    if (!objects.empty() && at >= base) {
      heaps.objects[at - base] = std::move(objects);
    }
  }
  return heaps;
}

std::string global_heap_problem(const char* data, std::size_t size) {
  return scan_global_heaps(data, size).problem;
}

std::string heap_reference_problem(const GlobalHeaps& heaps,
                                   const unsigned char* raw,
                                   std::size_t element_size) {
  const std::uint64_t length = le32(raw);
  const std::uint64_t address =
      le32(raw + 4) | (static_cast<std::uint64_t>(le32(raw + 8)) << 32);
  const std::uint32_t index = le32(raw + 12);
  if (address == 0) return "";  // a null sequence: HDF5 reads nothing
  const auto collection = heaps.objects.find(address);
  if (collection == heaps.objects.end()) {
    return str("it points to byte ", address,
               ", where there is no valid global heap collection");
  }
  const auto object = collection->second.find(index);
  if (object == collection->second.end()) {
    return str("it points to object ", index,
               ", which its global heap collection does not have");
  }
  if (object->second != length * element_size) {
    return str("it declares ", length, " elements but its heap object holds ",
               object->second, " bytes");
  }
  return "";
}

}  // namespace keras::saving
