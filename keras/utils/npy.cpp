// File: keras/utils/npy.cpp
// The .npy reader validates everything against the actual byte count before
// allocating; the header (a Python dict literal) is read by a small parser of
// exactly the literal forms numpy writes (strings, True/False, int tuples)
// rather than by a general Python-literal evaluator.
#include "keras/utils/npy.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "keras/core/error.h"
#include "keras/utils/file_utils.h"
#include "keras/utils/utf8.h"

namespace keras {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kNpyAlign = 64;      // numpy's ARRAY_ALIGN
constexpr std::size_t kGrowthDigits = 21;  // numpy's GROWTH_AXIS_MAX_DIGITS
constexpr std::size_t kMaxDims = 64;       // numpy 2 allows 64 dimensions

struct NpyHeader {
  std::string descr;
  bool fortran_order = false;
  Shape shape;
};

// What a header's descr means for us.
struct NpyType {
  DType dtype;
  bool big_endian;  // bytes in the file are big-endian
  // Fixed-width strings ('<U8': UTF-32 code units, '|S8': bytes) load as
  // DType::string; width counts characters.
  std::size_t string_width = 0;
  bool unicode = false;

  std::size_t itemsize() const {
    if (dtype != DType::string) return dtype_size(dtype);
    return string_width * (unicode ? 4 : 1);
  }
};

std::uint64_t read_le(std::string_view bytes, std::size_t at, int n) {
  std::uint64_t v = 0;
  for (int k = n - 1; k >= 0; --k) {
    v = (v << 8) | static_cast<unsigned char>(bytes[at + k]);
  }
  return v;
}

// Parser of the header dict, e.g.
//   {'descr': '<f4', 'fortran_order': False, 'shape': (128, 32), }
class HeaderParser {
 public:
  HeaderParser(std::string_view text, std::string_view source)
      : text_(text), source_(source) {}

  NpyHeader parse() {
    NpyHeader header;
    bool has_descr = false, has_order = false, has_shape = false;
    expect('{');
    for (;;) {
      skip_ws();
      if (peek() == '}') break;
      const std::string key = read_string();
      expect(':');
      skip_ws();
      if (key == "descr") {
        take(has_descr, key);
        if (peek() == '[') {
          throw NotImplementedError(
              str("Cannot load ", source_,
                  ": structured NumPy dtypes are not supported"));
        }
        header.descr = read_string();
      } else if (key == "fortran_order") {
        take(has_order, key);
        header.fortran_order = read_bool();
      } else if (key == "shape") {
        take(has_shape, key);
        header.shape = read_shape();
      } else {
        fail(str("unexpected key '", key, "'"));
      }
      skip_ws();
      if (peek() == ',') {
        ++pos_;
      } else if (peek() != '}') {
        fail("expected ',' or '}' after a value");
      }
    }
    ++pos_;
    skip_ws();
    if (pos_ != text_.size()) fail("unexpected text after the dict");
    if (!has_descr || !has_order || !has_shape) {
      fail("the dict must have the keys 'descr', 'fortran_order' and 'shape'");
    }
    return header;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw FormatError(str("Invalid .npy file ", source_, ": bad header (", why,
                          ") in \"", text_, "\""));
  }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip_ws() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
            text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  void expect(char c) {
    skip_ws();
    if (peek() != c) fail(str("expected '", c, "'"));
    ++pos_;
  }
  void take(bool& seen, const std::string& key) {
    if (seen) fail(str("repeated key '", key, "'"));
    seen = true;
  }
  std::string read_string() {
    skip_ws();
    const char quote = peek();
    if (quote != '\'' && quote != '"') fail("expected a quoted string");
    const std::size_t end = text_.find(quote, pos_ + 1);
    if (end == std::string_view::npos) fail("unterminated string");
    std::string s(text_.substr(pos_ + 1, end - pos_ - 1));
    if (s.find('\\') != std::string::npos) fail("escapes are not supported");
    pos_ = end + 1;
    return s;
  }
  bool read_bool() {
    if (text_.substr(pos_, 4) == "True") return pos_ += 4, true;
    if (text_.substr(pos_, 5) == "False") return pos_ += 5, false;
    fail("fortran_order must be True or False");
  }
  Shape read_shape() {
    if (peek() != '(') fail("shape must be a tuple of integers");
    ++pos_;
    Shape shape;
    for (;;) {
      skip_ws();
      if (peek() == ')') break;
      if (shape.size() == kMaxDims) {
        fail(str("more than ", kMaxDims, " dimensions"));
      }
      shape.push_back(read_dim());
      skip_ws();
      if (peek() == ',') {
        ++pos_;
      } else if (peek() != ')') {
        fail("shape must be a tuple of integers");
      }
    }
    ++pos_;
    return shape;
  }
  std::int64_t read_dim() {
    if (peek() == '-') fail("negative dimension");
    if (peek() < '0' || peek() > '9') fail("shape must be a tuple of integers");
    std::int64_t v = 0;
    while (peek() >= '0' && peek() <= '9') {
      if (__builtin_mul_overflow(v, 10, &v) ||
          __builtin_add_overflow(v, peek() - '0', &v)) {
        fail("dimension too large");
      }
      ++pos_;
    }
    if (peek() == 'L') ++pos_;  // Python 2 long literal (old files)
    return v;
  }

  std::string_view text_;
  std::string_view source_;
  std::size_t pos_ = 0;
};

NpyType parse_descr(const std::string& descr, std::string_view source) {
  std::string_view d = descr;
  char order = '=';
  if (!d.empty() && std::string_view("<>|=").find(d[0]) != std::string::npos) {
    order = d[0];
    d.remove_prefix(1);
  }
  const bool native_big = std::endian::native == std::endian::big;
  const bool big = order == '>' || (order != '<' && native_big);
  static const std::pair<std::string_view, DType> kTypes[] = {
      {"f2", DType::float16}, {"f4", DType::float32}, {"f8", DType::float64},
      {"i1", DType::int8},    {"i4", DType::int32},   {"i8", DType::int64},
      {"u1", DType::uint8},   {"b1", DType::bool_},
  };
  for (const auto& [code, dtype] : kTypes) {
    if (d == code) return {dtype, big};
  }
  // NumPy's fixed-width strings: U<n> (unicode) and S<n> / a<n> (bytes).
  if (d.size() > 1 && (d[0] == 'U' || d[0] == 'S' || d[0] == 'a') &&
      std::all_of(d.begin() + 1, d.end(),
                  [](char c) { return c >= '0' && c <= '9'; }) &&
      d.size() <= 10) {
    NpyType t{DType::string, big};
    t.unicode = d[0] == 'U';
    t.string_width = std::stoul(std::string(d.substr(1)));
    return t;
  }
  const bool well_formed =
      !d.empty() && std::isalpha(static_cast<unsigned char>(d[0])) &&
      std::all_of(d.begin() + 1, d.end(),
                  [](char c) { return c >= '0' && c <= '9'; });
  if (!well_formed) {
    throw FormatError(
        str("Invalid .npy file ", source, ": invalid dtype '", descr, "'"));
  }
  throw NotImplementedError(
      str("Cannot load ", source, ": NumPy dtype '", descr,
          "' is not supported (supported: float16, float32, float64, int8, "
          "int32, int64, uint8, bool, and fixed-width strings U<n>/S<n>; "
          "object arrays hold pickled Python objects and are refused)"));
}

void byte_swap(unsigned char* data, std::size_t count, std::size_t itemsize) {
  for (std::size_t i = 0; i < count; ++i, data += itemsize) {
    std::reverse(data, data + itemsize);
  }
}

// Copies a Fortran-order array into C order (the transpose of its reversed-
// shape C-order reading), element by element.
void fortran_to_c(const unsigned char* src, unsigned char* dst,
                  const Shape& shape, std::size_t count, std::size_t itemsize) {
  const std::size_t rank = shape.size();
  std::vector<std::size_t> stride(rank), index(rank, 0);
  std::size_t s = 1;
  for (std::size_t k = 0; k < rank; ++k) {
    stride[k] = s;
    s *= static_cast<std::size_t>(shape[k]);
  }
  std::size_t offset = 0;  // source element of the current C-order index
  for (std::size_t i = 0; i < count; ++i) {
    std::memcpy(dst + i * itemsize, src + offset * itemsize, itemsize);
    for (std::size_t k = rank; k-- > 0;) {  // increment the C-order index
      if (++index[k] < static_cast<std::size_t>(shape[k])) {
        offset += stride[k];
        break;
      }
      offset -= stride[k] * (index[k] - 1);
      index[k] = 0;
    }
  }
}

std::string_view descr_of(DType dtype) {
  const bool big = std::endian::native == std::endian::big;
  switch (dtype) {
    case DType::float32:
      return big ? ">f4" : "<f4";
    case DType::float64:
      return big ? ">f8" : "<f8";
    case DType::int32:
      return big ? ">i4" : "<i4";
    case DType::int64:
      return big ? ">i8" : "<i8";
    case DType::float16:
      return big ? ">f2" : "<f2";
    case DType::bool_:
      return "|b1";
    case DType::uint8:
      return "|u1";
    case DType::int8:
      return "|i1";
    case DType::bfloat16:
    case DType::string:  // written by string_npy_bytes
      break;
  }
  throw NotImplementedError(
      "save_npy: NumPy has no bfloat16 dtype; convert the tensor with "
      "astype(DType::float32) first");
}

// The code points of UTF-8 text; false when `s` is not valid UTF-8.
bool code_points(const std::string& s, std::vector<std::uint32_t>& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = static_cast<unsigned char>(s[i]);
    const std::size_t n = cp < 0x80 ? 1 : decode_utf8(s, i, cp);
    if (n == 0) return false;
    out.push_back(cp);
    i += n;
  }
  return true;
}

// The elements of a fixed-width string array (C order, file byte order) as
// UTF-8 strings; NumPy drops trailing NULs.
void decode_strings(const unsigned char* src, std::size_t count,
                    const NpyType& type, std::string* out,
                    std::string_view source) {
  const std::size_t width = type.string_width;
  for (std::size_t i = 0; i < count; ++i) {
    std::string& s = out[i];
    if (!type.unicode) {
      const char* p = reinterpret_cast<const char*>(src + i * width);
      std::size_t len = width;
      while (len > 0 && p[len - 1] == '\0') --len;
      s.assign(p, len);
      continue;
    }
    std::size_t len = width;
    const unsigned char* p = src + i * width * 4;
    const auto unit = [&](std::size_t k) {
      const unsigned char* q = p + 4 * k;
      return type.big_endian
                 ? std::uint32_t(q[0]) << 24 | std::uint32_t(q[1]) << 16 |
                       std::uint32_t(q[2]) << 8 | q[3]
                 : std::uint32_t(q[3]) << 24 | std::uint32_t(q[2]) << 16 |
                       std::uint32_t(q[1]) << 8 | q[0];
    };
    while (len > 0 && unit(len - 1) == 0) --len;
    for (std::size_t k = 0; k < len; ++k) {
      const std::uint32_t cp = unit(k);
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        throw FormatError(str("Invalid .npy file ", source,
                              ": a string holds the invalid code point ", cp));
      }
      append_utf8(s, cp);
    }
  }
}

// A string tensor's data as NumPy stores it: '<U<n>' when every element is
// UTF-8 text, else '|S<n>' bytes. Returns (descr, data).
std::pair<std::string, std::string> string_npy_data(const Tensor& tensor) {
  const std::string* s = tensor.data<std::string>();
  const auto n = static_cast<std::size_t>(tensor.size());
  std::vector<std::vector<std::uint32_t>> points(n);
  bool text = true;
  std::size_t width = 1;
  for (std::size_t i = 0; i < n && text; ++i) {
    text = code_points(s[i], points[i]);
    width = std::max(width, points[i].size());
  }
  std::string data;
  if (!text) {
    width = 1;
    for (std::size_t i = 0; i < n; ++i) width = std::max(width, s[i].size());
    for (std::size_t i = 0; i < n; ++i) {
      data += s[i];
      data.append(width - s[i].size(), '\0');
    }
    return {str("|S", width), data};
  }
  const bool big = std::endian::native == std::endian::big;
  data.reserve(n * width * 4);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < width; ++k) {
      const std::uint32_t cp = k < points[i].size() ? points[i][k] : 0;
      for (int b = 0; b < 4; ++b) {
        data += static_cast<char>((cp >> (8 * (big ? 3 - b : b))) & 0xFF);
      }
    }
  }
  return {str(big ? ">U" : "<U", width), data};
}

// Python's repr of a shape tuple: "()", "(3,)", "(2, 3)".
std::string shape_repr(const Shape& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ',';
  return s + ")";
}

}  // namespace

Tensor load_npy_from_bytes(std::string_view bytes, std::string_view source) {
  const auto fail = [&](const std::string& why) {
    return FormatError(str("Invalid .npy file ", source, ": ", why));
  };
  if (bytes.size() < 10 || bytes.substr(0, 6) != kMagic) {
    throw fail("missing the \\x93NUMPY magic (not a NumPy .npy file)");
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  const int minor = static_cast<unsigned char>(bytes[7]);
  if (major < 1 || major > 3 || minor != 0) {
    throw fail(str("unsupported format version ", major, ".", minor,
                   " (supported: 1.0, 2.0, 3.0)"));
  }
  const int len_bytes = major == 1 ? 2 : 4;
  const std::size_t prefix = 8 + static_cast<std::size_t>(len_bytes);
  if (bytes.size() < prefix) throw fail("truncated header");
  const std::uint64_t header_len = read_le(bytes, 8, len_bytes);
  if (header_len > bytes.size() - prefix) {
    throw fail(str("truncated header (", header_len, " bytes declared, ",
                   bytes.size() - prefix, " present)"));
  }
  const NpyHeader header =
      HeaderParser(bytes.substr(prefix, header_len), source).parse();
  const NpyType type = parse_descr(header.descr, source);
  const std::size_t itemsize = type.itemsize();

  // Element count and data size, refusing overflow (hostile shapes).
  std::uint64_t count = 1, nbytes = 0;
  for (const std::int64_t dim : header.shape) {
    if (__builtin_mul_overflow(count, static_cast<std::uint64_t>(dim),
                               &count)) {
      throw fail(str("shape ", shape_repr(header.shape), " is too large"));
    }
  }
  if (__builtin_mul_overflow(count, itemsize, &nbytes)) {
    throw fail(str("shape ", shape_repr(header.shape), " is too large"));
  }
  const std::size_t data_at = prefix + header_len;
  const std::size_t present = bytes.size() - data_at;
  if (nbytes != present) {
    throw fail(str("shape ", shape_repr(header.shape), " of ",
                   dtype_name(type.dtype), " needs ", nbytes,
                   " bytes of data but the file has ", present));
  }

  Tensor tensor = Tensor::empty(header.shape, type.dtype);
  if (count == 0) return tensor;
  if (type.dtype == DType::string) {
    const auto* src =
        reinterpret_cast<const unsigned char*>(bytes.data()) + data_at;
    std::vector<unsigned char> c_order;
    if (header.fortran_order && header.shape.size() > 1) {
      c_order.resize(nbytes);
      fortran_to_c(src, c_order.data(), header.shape, count, itemsize);
      src = c_order.data();
    }
    decode_strings(src, count, type, tensor.data<std::string>(), source);
    return tensor;
  }
  auto* out = static_cast<unsigned char*>(tensor.raw_data());
  const auto* src =
      reinterpret_cast<const unsigned char*>(bytes.data()) + data_at;
  if (header.fortran_order && header.shape.size() > 1) {
    fortran_to_c(src, out, header.shape, count, itemsize);
  } else {
    std::memcpy(out, src, nbytes);
  }
  const bool native_big = std::endian::native == std::endian::big;
  if (itemsize > 1 && type.big_endian != native_big) {
    byte_swap(out, count, itemsize);
  }
  // A C++ bool must hold 0 or 1; numpy treats any nonzero byte as True.
  if (type.dtype == DType::bool_) {
    for (std::size_t i = 0; i < count; ++i) out[i] = out[i] != 0;
  }
  return tensor;
}

Tensor load_npy(const std::string& path) {
  return load_npy_from_bytes(read_file(path), path);
}

std::string save_npy_to_bytes(const Tensor& tensor) {
  if (!tensor.defined() || tensor.is_symbolic()) {
    throw ValueError(
        "save_npy: the tensor has no data (undefined or symbolic tensor)");
  }
  const Shape& shape = tensor.shape();
  std::string descr, string_data;
  if (tensor.dtype() == DType::string) {
    std::tie(descr, string_data) = string_npy_data(tensor);
  } else {
    descr = descr_of(tensor.dtype());
  }
  std::string header =
      str("{'descr': '", descr,
          "', 'fortran_order': False, 'shape': ", shape_repr(shape), ", }");
  // numpy >= 1.24 leaves room to grow the first axis in place.
  if (!shape.empty()) {
    const std::size_t digits = std::to_string(shape[0]).size();
    if (digits < kGrowthDigits) header.append(kGrowthDigits - digits, ' ');
  }
  // Pad with spaces and a newline so the data starts 64-byte aligned;
  // version 2.0 (4-byte length) only when the header outgrows 65535 bytes.
  int major = 1;
  std::size_t prefix = 10;
  std::size_t total = header.size() + 1;
  std::size_t pad = kNpyAlign - (prefix + total) % kNpyAlign;
  if (total + pad > 0xFFFF) {
    major = 2;
    prefix = 12;
    pad = kNpyAlign - (prefix + total) % kNpyAlign;
  }
  header.append(pad, ' ');
  header += '\n';

  std::string out(kMagic);
  out += static_cast<char>(major);
  out += '\0';
  const std::uint64_t len = header.size();
  for (std::size_t k = 0; k < prefix - 8; ++k) {
    out += static_cast<char>((len >> (8 * k)) & 0xFF);
  }
  out += header;
  if (tensor.dtype() == DType::string) {
    out += string_data;
  } else {
    out.append(static_cast<const char*>(tensor.raw_data()), tensor.nbytes());
  }
  return out;
}

void save_npy(const std::string& path, const Tensor& tensor) {
  write_file_atomic(path, save_npy_to_bytes(tensor));
}

}  // namespace keras
