// File: keras/saving/internal/h5_check_util.h
// -----------------------------------------------------------------------------
// What the HDF5 structure checks (h5_header_check.cpp,
// h5_symbol_table_check.cpp) share: the failure they throw internally and
// bounded reads of the raw file.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "keras/core/error.h"
#include "keras/saving/h5_header_check.h"

namespace keras::saving::internal {

// Thrown and caught inside the checks only: what is wrong.
struct H5CheckFailure {
  std::string why;
};
[[noreturn]] inline void bad(std::string why) {
  throw H5CheckFailure{std::move(why)};
}

inline std::uint64_t little_endian(const unsigned char* p, unsigned n) {
  std::uint64_t v = 0;
  for (unsigned i = n; i-- > 0;) v = (v << 8) | p[i];
  return v;
}

// Bounded little-endian reads over one encoded message.
class Cursor {
 public:
  Cursor(const unsigned char* data, std::size_t size)
      : p_(data), end_(data + size) {}
  std::size_t left() const { return static_cast<std::size_t>(end_ - p_); }
  const unsigned char* take(std::size_t n, const char* what) {
    if (n > left()) {
      bad(str(what, " needs ", n, " bytes but only ", left(), " remain"));
    }
    const unsigned char* at = p_;
    p_ += n;
    return at;
  }
  std::uint64_t uint(std::size_t n, const char* what) {
    const unsigned char* at = take(n, what);
    std::uint64_t v = 0;
    for (std::size_t i = n; i-- > 0;) v = (v << 8) | at[i];
    return v;
  }
  // A NUL-terminated name as HDF5's datatype decoder walks it: strlen,
  // then the name and its NUL, padded to 8 bytes before version 3.
  void name(bool padded, const char* what) {
    const void* nul = std::memchr(p_, 0, left());
    if (nul == nullptr) bad(str(what, " is not NUL-terminated"));
    const std::size_t length =
        static_cast<std::size_t>(static_cast<const unsigned char*>(nul) - p_);
    take(padded ? (length + 8) / 8 * 8 : length + 1, what);
  }

 private:
  const unsigned char* p_;
  const unsigned char* end_;
};

// The `size` bytes at `at`, refused unless they lie inside the file and
// within `cap`: "its <what> of N bytes at byte A does not fit ...".
inline std::vector<unsigned char> read_in_file(
    const H5RawReader& read, const H5Geometry& g, std::uint64_t at,
    std::uint64_t size, const char* what,
    std::uint64_t cap = std::numeric_limits<std::uint64_t>::max()) {
  if (size > cap || at > g.file_size || size > g.file_size - at) {
    bad(str("its ", what, " of ", size, " bytes at byte ", at,
            " does not fit in the file (", g.file_size, " bytes)"));
  }
  std::vector<unsigned char> out(static_cast<std::size_t>(size));
  if (!out.empty() && !read(at, out.size(), out.data())) {
    bad(str("its ", what, " at byte ", at, " cannot be read"));
  }
  return out;
}

}  // namespace keras::saving::internal
