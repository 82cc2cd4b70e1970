#include "keras/saving/h5_heap_check.h"

#include <cstdint>
#include <cstring>
#include <string_view>

#include "keras/core/error.h"
#include "keras/saving/internal/h5_check_util.h"

namespace keras::saving {

namespace {

// HDF5's global heap layout with 8-byte lengths (h5py's and Keras' files):
// header = "GCOL", version, 3 reserved, collection size; objects = index (2),
// reference count (2), reserved (4), size (8), data padded to 8 bytes.
constexpr std::size_t kHeaderSize = 16;
constexpr std::size_t kObjectHeaderSize = 16;
constexpr std::uint64_t kMinCollectionSize = 4096;

// Little-endian fields of the heap's bytes (char here, unsigned in HDF5).
std::uint64_t le(const char* p, unsigned n) {
  return internal::little_endian(reinterpret_cast<const unsigned char*>(p), n);
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
  const std::uint64_t length = le(h + 8, 8);
  if (length < kMinCollectionSize || length > size - at) return "";
  const std::size_t end = at + length;
  std::size_t p = at + kHeaderSize;
  while (end - p >= kObjectHeaderSize) {
    const auto index = static_cast<std::uint16_t>(le(data + p, 2));
    const std::uint64_t object_size = le(data + p + 8, 8);
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
  const std::uint64_t length = internal::little_endian(raw, 4);
  const std::uint64_t address = internal::little_endian(raw + 4, 8);
  const auto index =
      static_cast<std::uint32_t>(internal::little_endian(raw + 12, 4));
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
