// File: keras/losses/internal/test_fixtures.h
// -----------------------------------------------------------------------------
// Test-only helpers for the optimizer / loss / metric tests: reading the
// golden fixtures in ../shared/fixtures (small float32/int32 .npy files and
// JSON files written by Python). Header-only, included by *_test.cpp only.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/core/error.h"
#include "keras/core/json.h"

namespace keras::testing_fixtures {

inline std::string fixtures_dir() {
  return std::string(KERAS_SHARED_DIR) + "/fixtures";
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError("cannot open " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The fixture JSON files contain no NaN/Infinity, so nlohmann's parser is
// enough here.
inline Json read_json(const std::string& path) {
  return Json::parse(read_file(path));
}

// Minimal NumPy .npy reader: version 1/2 headers, little-endian '<f4' or
// '<i4', C order (all the fixtures use).
inline Tensor read_npy(const std::string& path) {
  const std::string bytes = read_file(path);
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) {
    throw FormatError("not a .npy file: " + path);
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t header_len = 0;
  std::size_t offset = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) |
                 (static_cast<unsigned char>(bytes[9]) << 8);
    offset = 10;
  } else {
    header_len =
        static_cast<unsigned char>(bytes[8]) |
        (static_cast<unsigned char>(bytes[9]) << 8) |
        (static_cast<unsigned char>(bytes[10]) << 16) |
        (static_cast<std::size_t>(static_cast<unsigned char>(bytes[11])) << 24);
    offset = 12;
  }
  const std::string header = bytes.substr(offset, header_len);
  offset += header_len;
  DType dtype;
  if (header.find("'<f4'") != std::string::npos) {
    dtype = DType::float32;
  } else if (header.find("'<i4'") != std::string::npos) {
    dtype = DType::int32;
  } else {
    throw FormatError("unsupported .npy dtype in " + path + ": " + header);
  }
  if (header.find("'fortran_order': True") != std::string::npos) {
    throw FormatError("Fortran order .npy not supported: " + path);
  }
  const auto open = header.find("'shape': (");
  const auto close = header.find(')', open);
  Shape shape;
  std::string dims = header.substr(open + 10, close - open - 10);
  std::stringstream ss(dims);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.find_first_not_of(' ') == std::string::npos) continue;
    shape.push_back(std::stoll(item));
  }
  Tensor t = Tensor::empty(shape, dtype);
  if (bytes.size() - offset < t.nbytes()) {
    throw FormatError("truncated .npy: " + path);
  }
  std::memcpy(t.raw_data(), bytes.data() + offset, t.nbytes());
  return t;
}

// Flattened C-order values of a fixture state entry ({"values": [...]}).
inline std::vector<double> json_values(const Json& entry) {
  std::vector<double> out;
  for (const auto& v : entry.at("values")) out.push_back(v.get<double>());
  return out;
}

inline Shape json_shape(const Json& entry) {
  Shape s;
  for (const auto& d : entry.at("shape")) s.push_back(d.get<std::int64_t>());
  return s;
}

}  // namespace keras::testing_fixtures
