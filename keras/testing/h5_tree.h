// File: keras/testing/h5_tree.h
// -----------------------------------------------------------------------------
// The structure of an HDF5 file as text lines, for comparing files written
// here with Keras' (the fixtures' h5_tree.txt in spirit): one line per group
// (with its attributes) and per dataset (shape, dtype). Attributes named in
// `skip_attributes` are listed by name only (values that legitimately differ,
// e.g. keras_version or backend).
//
//   EXPECT_EQ(h5_tree(ours), h5_tree(keras_file));
// -----------------------------------------------------------------------------
#pragma once

#include <set>
#include <string>
#include <vector>

#include "keras/backend/dtype.h"
#include "keras/saving/h5_file.h"

namespace keras::testing {

inline std::string h5_attribute_text(const saving::H5File& file,
                                     const std::string& path,
                                     const std::string& name) {
  try {
    if (auto s = file.read_string_attribute(path, name)) return "'" + *s + "'";
  } catch (const Error&) {
  }
  try {
    std::string out = "[";
    for (const std::string& s : file.read_string_array_attribute(path, name)) {
      out += (out.size() > 1 ? ", '" : "'") + s + "'";
    }
    return out + "]";
  } catch (const Error&) {
  }
  if (auto v = file.read_number_attribute(path, name)) {
    return std::to_string(*v);
  }
  return "?";
}

inline void h5_tree_into(const saving::H5File& file, const std::string& path,
                         const std::set<std::string>& skip,
                         std::vector<std::string>& out) {
  const std::string shown = path.empty() ? "/" : "/" + path;
  if (!path.empty() && file.is_dataset(path)) {
    const Tensor value = file.read_dataset(path);
    out.push_back(shown + " dataset shape=" + shape_str(value.shape()) +
                  " dtype=" + std::string(dtype_name(value.dtype())));
    return;
  }
  std::string line = shown + " group {";
  for (const std::string& name :
       file.attribute_names(path.empty() ? "/" : path)) {
    line += name + "=" +
            (skip.count(name)
                 ? "*"
                 : h5_attribute_text(file, path.empty() ? "/" : path, name)) +
            " ";
  }
  out.push_back(line + "}");
  for (const std::string& child : file.children(path.empty() ? "/" : path)) {
    h5_tree_into(file, path.empty() ? child : path + "/" + child, skip, out);
  }
}

inline std::vector<std::string> h5_tree(
    const saving::H5File& file, const std::set<std::string>& skip = {}) {
  std::vector<std::string> out;
  h5_tree_into(file, "", skip, out);
  return out;
}

}  // namespace keras::testing
