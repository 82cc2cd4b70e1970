// File: keras/testing/weights_tree.h
// -----------------------------------------------------------------------------
// Test helper: the HDF5 layout of a weights file as comparable lines, and the
// same lines read from the fixtures' weights_tree.txt / h5_tree.txt (written
// with h5py by the fixture generator). A line is "<path> group [name]" or
// "<path> dataset [shape]"; attributes other than a vars group's `name` and
// dataset dtypes are left out, and so is the `name` of vars groups below a
// layer's own (sublayers a layer makes itself, such as MultiHeadAttention's
// dropout, get automatic names that depend on what the process made before).
//
//   EXPECT_EQ(testing::weights_tree(saving::H5File::open(p)),
//             testing::fixture_h5_tree(dir + "weights_tree.txt"));
// -----------------------------------------------------------------------------
#pragma once

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "keras/saving/h5_file.h"
#include "keras/testing/test_utils.h"

namespace keras::testing {

namespace internal {

// "/layers/dense/vars/" has 3 components; deeper vars groups belong to
// sublayers.
inline bool keeps_name(const std::string& group_path) {
  return std::count(group_path.begin(), group_path.end(), '/') <= 4;
}

inline void h5_tree_lines(const saving::H5File& h5, const std::string& path,
                          std::vector<std::string>& out) {
  for (const std::string& child : h5.children(path)) {
    const std::string p = path.empty() ? child : path + "/" + child;
    if (h5.is_dataset(p)) {
      std::string shape;
      for (std::int64_t d : h5.dataset_shape(p)) {
        shape += (shape.empty() ? "" : ", ") + std::to_string(d);
      }
      out.push_back("/" + p + " dataset [" + shape + "]");
    } else {
      auto name = h5.read_string_attribute(p, "name");
      const std::string group = "/" + p + "/";
      out.push_back(group + " group" +
                    (name && keeps_name(group) ? " " + *name : ""));
      h5_tree_lines(h5, p, out);
    }
  }
}

}  // namespace internal

inline std::vector<std::string> weights_tree(const saving::H5File& h5) {
  std::vector<std::string> out;
  internal::h5_tree_lines(h5, "", out);
  return out;
}

// The HDF5 section of a fixture tree file (after the line ending in ".h5:"
// when the file also lists zip members).
inline std::vector<std::string> fixture_h5_tree(const std::string& file) {
  std::istringstream in(read_text(file));
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '/' || line.rfind("/  root", 0) == 0) {
      continue;
    }
    const auto sep = line.find("  ");
    const std::string path = line.substr(0, sep);
    const std::string rest = sep == std::string::npos ? "" : line.substr(sep);
    if (rest.find("dataset") != std::string::npos) {
      const auto a = rest.find("shape=[");
      const auto b = rest.find(']', a);
      out.push_back(path + " dataset [" + rest.substr(a + 7, b - a - 7) + "]");
    } else {
      const auto a = rest.find("{name='");
      std::string name;
      if (a != std::string::npos && internal::keeps_name(path)) {
        name = " " + rest.substr(a + 7, rest.find('\'', a + 7) - a - 7);
      }
      out.push_back(path + " group" + name);
    }
  }
  return out;
}

}  // namespace keras::testing
