#include "keras/saving/crc32.h"

#include <libdeflate.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "keras/core/error.h"

namespace keras::saving {

std::uint32_t crc32(std::string_view bytes, std::uint32_t crc) {
  return libdeflate_crc32(crc, bytes.data(), bytes.size());
}

std::uint32_t crc32_of_file_range(int fd, std::uint64_t offset,
                                  std::uint64_t size, const std::string& what) {
  // A block that stays in the L2 cache between pread and the checksum.
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  std::vector<char> block(
      static_cast<std::size_t>(std::min<std::uint64_t>(size, kBlock)));
  std::uint32_t crc = 0;
  while (size > 0) {
    const auto want =
        static_cast<std::size_t>(std::min<std::uint64_t>(size, kBlock));
    const ssize_t n =
        ::pread(fd, block.data(), want, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      throw FileError(str("Could not read ", what, ": ", std::strerror(errno)));
    }
    if (n == 0) {
      throw FileError(str("Could not read ", what, ": the file ends ", size,
                          " bytes early"));
    }
    crc = libdeflate_crc32(crc, block.data(), static_cast<std::size_t>(n));
    offset += static_cast<std::uint64_t>(n);
    size -= static_cast<std::uint64_t>(n);
  }
  return crc;
}

}  // namespace keras::saving
