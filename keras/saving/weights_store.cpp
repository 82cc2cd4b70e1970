#include "keras/saving/weights_store.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "keras/backend/dtype.h"
#include "keras/utils/file_utils.h"
#include "keras/utils/json_utils.h"

namespace keras::saving {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxIndexBytes = std::size_t{64} << 20;

}  // namespace

std::string readable_bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int unit = 0;
  while (bytes >= 1024 && unit < 4) {
    bytes /= 1024;
    ++unit;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, unit ? "%.2f %s" : "%.0f %s", bytes,
                units[unit]);
  return buf;
}

void sort_dataset_names(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) {
              if (a.size() != b.size()) return a.size() < b.size();
              return a < b;
            });
}

double weight_bytes(const Tensor& value) {
  // Keras counts bits per element (bool = 1 bit) and divides by 8.
  const double bits =
      value.dtype() == DType::bool_
          ? 1.0
          : 8.0 * static_cast<double>(dtype_size(value.dtype()));
  return static_cast<double>(value.size()) * bits / 8.0;
}

// ---- single HDF5 file ----

std::vector<std::string> H5WeightsReader::keys(
    const std::string& vars_path) const {
  if (!file_.has(vars_path) || !file_.is_group(vars_path)) return {};
  std::vector<std::string> names = file_.children(vars_path);
  sort_dataset_names(names);
  return names;
}

bool H5WeightsReader::has_path(const std::string& path) const {
  return file_.has(path);
}

Tensor H5WeightsReader::read(const std::string& vars_path,
                             const std::string& key) const {
  return read_into(vars_path, key, Tensor());
}

Tensor H5WeightsReader::read_into(const std::string& vars_path,
                                  const std::string& key,
                                  const Tensor& target) const {
  const std::string path = vars_path + "/" + key;
  if (!file_.has(path)) {
    throw ValueError(str("missing dataset ", path, " in ", file_.name()));
  }
  return file_.read_dataset_into(path, target);
}

void H5WeightsWriter::make(const std::string& vars_path,
                           const std::optional<std::string>& name) {
  file_.create_group(vars_path);
  if (name) file_.write_string_attribute(vars_path, "name", *name);
}

void H5WeightsWriter::write(const std::string& vars_path,
                            const std::string& key, const Tensor& value) {
  file_.write_dataset(vars_path + "/" + key, value);
}

// ---- sharded ----

ShardedWeightsReader::ShardedWeightsReader(const std::string& index_path)
    : index_path_(index_path) {
  index_ = parse_json(read_file(index_path, kMaxIndexBytes), index_path);
  if (!index_.is_object() || !index_.contains("weight_map") ||
      !index_["weight_map"].is_object()) {
    throw FormatError(str(index_path,
                          " is not a sharded weights index: expected a JSON "
                          "object with a \"weight_map\" object."));
  }
  for (const auto& [path, files] : index_["weight_map"].items()) {
    std::vector<std::string> names;
    if (files.is_string()) {
      names.push_back(files.get<std::string>());
    } else if (files.is_array()) {
      for (const Json& f : files) {
        if (!f.is_string()) names.clear();
        if (!f.is_string()) break;
        names.push_back(f.get<std::string>());
      }
    }
    if (names.empty()) {
      throw FormatError(str(index_path, ": weight_map entry \"", path,
                            "\" must name a shard file (a string or a list "
                            "of strings)."));
    }
    for (const std::string& name : names) {
      if (name.find('/') != std::string::npos || name == ".." || name == ".") {
        throw FormatError(str(index_path, ": shard name \"", name,
                              "\" must be a file name beside the index."));
      }
      if (std::find(shards_.begin(), shards_.end(), name) == shards_.end()) {
        shards_.push_back(name);
      }
    }
  }
  // Open every shard now so that a missing one fails before any variable
  // is assigned.
  const fs::path dir = fs::path(index_path).parent_path();
  for (const std::string& name : shards_) {
    const std::string shard_path = (dir / name).string();
    std::error_code ec;
    if (!fs::exists(shard_path, ec)) {
      throw FileError(str("Missing weights shard ", name, " (", shard_path,
                          ") listed in ", index_path,
                          ": sharded weights need every shard next to their "
                          "index."));
    }
    open_.emplace(name, H5File::open(shard_path));
  }
}

const H5File& ShardedWeightsReader::shard(const std::string& name) const {
  return open_.at(name);
}

std::vector<std::string> ShardedWeightsReader::files_of(
    const std::string& vars_path) const {
  const Json& map = index_["weight_map"];
  const std::string key = "/" + vars_path;
  if (!map.contains(key)) return shards_;  // groups without datasets
  const Json& files = map[key];
  if (files.is_string()) return {files.get<std::string>()};
  return files.get<std::vector<std::string>>();
}

std::vector<std::string> ShardedWeightsReader::keys(
    const std::string& vars_path) const {
  std::vector<std::string> all;
  for (const std::string& name : files_of(vars_path)) {
    for (const std::string& k :
         H5WeightsReader(open_.at(name)).keys(vars_path)) {
      if (std::find(all.begin(), all.end(), k) == all.end()) all.push_back(k);
    }
  }
  sort_dataset_names(all);
  return all;
}

bool ShardedWeightsReader::has_path(const std::string& path) const {
  return std::any_of(
      shards_.begin(), shards_.end(),
      [&](const std::string& name) { return open_.at(name).has(path); });
}

Tensor ShardedWeightsReader::read(const std::string& vars_path,
                                  const std::string& key) const {
  const std::vector<std::string> files = files_of(vars_path);
  for (const std::string& name : files) {
    const H5File& file = open_.at(name);
    if (file.has(vars_path + "/" + key)) {
      return file.read_dataset(vars_path + "/" + key);
    }
  }
  std::string list;
  for (const std::string& f : files) list += (list.empty() ? "" : ", ") + f;
  throw ValueError(str("Key '", key, "' of ", vars_path,
                       " not found in any of the shards: [", list, "]"));
}

ShardedWeightsWriter::ShardedWeightsWriter(const std::string& index_path,
                                           double max_shard_size_gb)
    : index_path_(index_path),
      max_bytes_(max_shard_size_gb * 1024.0 * 1024.0 * 1024.0) {
  if (!(max_shard_size_gb > 0)) {
    throw ValueError(
        str("max_shard_size must be a positive number of GB. "
            "Received: max_shard_size=",
            max_shard_size_gb));
  }
  if (!index_path_.ends_with(".json")) {
    const fs::path renamed = fs::path(index_path_).replace_extension(".json");
    std::cerr << "WARNING: Saving sharded weights requires `*.json` as the "
                 "extension. The original path: "
              << index_path_ << " will be renamed to " << renamed.string()
              << ".\n";
    index_path_ = renamed.string();
  }
  // Keras: Path(path).stem.replace(".weights", "").
  std::string stem = fs::path(index_path_).stem().string();
  for (std::size_t at; (at = stem.find(".weights")) != std::string::npos;) {
    stem.erase(at, 8);
  }
  base_name_ = stem;
  new_shard();
}

void ShardedWeightsWriter::new_shard() {
  char name[32];
  std::snprintf(name, sizeof name, "_%05zu.weights.h5", shards_.size());
  shards_.emplace_back(base_name_ + name, H5File::create_in_memory());
}

void ShardedWeightsWriter::make(const std::string& vars_path,
                                const std::optional<std::string>& name) {
  H5File& file = shards_.back().second;
  file.create_group(vars_path);
  if (name) file.write_string_attribute(vars_path, "name", *name);
}

void ShardedWeightsWriter::write(const std::string& vars_path,
                                 const std::string& key, const Tensor& value) {
  const double bytes = weight_bytes(value);
  any_variable_ = true;
  total_bytes_ += bytes;
  if (bytes > max_bytes_) {
    throw ValueError(str(
        "The size of ", key, " (", vars_path, ") is ", readable_bytes(bytes),
        " which exceeds the maximum shard size ", readable_bytes(max_bytes_),
        ". You can increase the `max_shard_size` parameter "
        "to accommodate the size."));
  }
  current_bytes_ += bytes;
  if (current_bytes_ > max_bytes_) {
    new_shard();
    current_bytes_ = bytes;
  }
  auto& [shard_name, file] = shards_.back();
  file.create_group(vars_path);  // no name attribute in a continuation shard
  file.write_dataset(vars_path + "/" + key, value);
  // One dataset: the file name; more: a list (Keras turns the entry into a
  // list on the group's second dataset).
  const std::string map_key = "/" + vars_path;
  if (!weight_map_.contains(map_key)) {
    weight_map_[map_key] = shard_name;
  } else {
    Json& entry = weight_map_[map_key];
    if (!entry.is_array()) entry = Json::array({entry});
    if (std::find(entry.begin(), entry.end(), Json(shard_name)) == entry.end())
      entry.push_back(shard_name);
  }
}

void ShardedWeightsWriter::finish() {
  const fs::path dir = fs::path(index_path_).parent_path();
  for (auto& [name, file] : shards_) {
    write_file_atomic((dir / name).string(), file.file_image());
  }
  // Python: total_size starts as int 0 and becomes a float once a variable
  // is counted.
  Json total = any_variable_ ? Json(total_bytes_) : Json(0);
  Json index = {{"metadata", {{"total_size", total}}},
                {"weight_map", weight_map_}};
  write_file_atomic(index_path_, dump_json(index, 4));
}

}  // namespace keras::saving
