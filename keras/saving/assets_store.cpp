#include "keras/saving/assets_store.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "keras/core/error.h"
#include "keras/models/model.h"
#include "keras/saving/limits.h"
#include "keras/saving/saveable_walk.h"
#include "keras/saving/zip_archive.h"
#include "keras/utils/file_utils.h"

namespace keras::saving {

namespace fs = std::filesystem;

AssetsDir::AssetsDir(std::string location) : location_(std::move(location)) {}

AssetsDir::AssetsDir(std::string location, std::vector<std::string> names,
                     Reader reader)
    : location_(std::move(location)),
      stored_(std::move(names)),
      reader_(std::move(reader)) {
  std::sort(stored_.begin(), stored_.end());
}

void AssetsDir::write(const std::string& name, std::string bytes) {
  if (const std::string problem = zip_member_name_problem(name);
      !problem.empty()) {
    throw ValueError(str("Invalid asset path: '", name, "' in ", location_,
                         ": ", problem, "."));
  }
  written_[name] = std::move(bytes);
}

bool AssetsDir::contains(const std::string& name) const {
  return written_.count(name) != 0 ||
         std::binary_search(stored_.begin(), stored_.end(), name);
}

std::string AssetsDir::read(const std::string& name) const {
  if (auto it = written_.find(name); it != written_.end()) return it->second;
  if (!std::binary_search(stored_.begin(), stored_.end(), name)) {
    throw FormatError(
        str("The saved model has no asset '", location_, "/", name, "'."));
  }
  return reader_(name);
}

std::vector<std::string> AssetsDir::names() const {
  std::set<std::string> all(stored_.begin(), stored_.end());
  for (const auto& [name, bytes] : written_) all.insert(name);
  return {all.begin(), all.end()};
}

namespace {

constexpr const char* kAssetsRoot = "assets";

// "assets" for the model itself, "assets/layers/string_lookup" below it.
std::string assets_location(const SaveableEntry& entry) {
  return entry.path.empty() ? kAssetsRoot
                            : std::string(kAssetsRoot) + "/" + entry.path;
}

// The layers of the walk in order (optimizers have no assets). The walk
// hands out const layers of the model given; `model` is not const here.
template <class F>
void for_each_layer_dir(const Model& model, F&& f) {
  for (const SaveableEntry& entry : walk_saveables(model, nullptr)) {
    if (entry.layer != nullptr) f(entry, assets_location(entry));
  }
}

void check_asset_size(std::uint64_t size, const std::string& name,
                      const Limits& limits) {
  if (size > limits.max_asset_bytes) {
    throw FormatError(
        str("Asset ", name, " has ", size, " bytes, more than the limit of ",
            limits.max_asset_bytes, " bytes (Limits::max_asset_bytes)."));
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> collect_assets(
    const Model& model) {
  std::vector<std::pair<std::string, std::string>> out;
  for_each_layer_dir(
      model, [&](const SaveableEntry& entry, const std::string& location) {
        AssetsDir dir(location);
        entry.layer->save_assets(dir);
        for (const std::string& name : dir.names()) {
          out.emplace_back(location + "/" + name, dir.read(name));
        }
      });
  return out;
}

void load_assets_from_zip(Model& model, const ZipReader& zip,
                          const Limits& limits) {
  // Member names were checked when the archive was opened (no "..", no
  // absolute paths); sizes are checked here before a member is read.
  std::map<std::string, std::uint64_t> members;
  const std::string root = std::string(kAssetsRoot) + "/";
  for (const ZipEntry& e : zip.entries()) {
    if (e.name.rfind(root, 0) == 0 && e.name.back() != '/') {
      members[e.name] = e.size;
    }
  }
  if (members.empty()) return;
  for_each_layer_dir(model, [&](const SaveableEntry& entry,
                                const std::string& location) {
    const std::string prefix = location + "/";
    std::vector<std::string> names;
    for (auto it = members.lower_bound(prefix);
         it != members.end() && it->first.rfind(prefix, 0) == 0; ++it) {
      names.push_back(it->first.substr(prefix.size()));
    }
    AssetsDir dir(location, std::move(names),
                  [&zip, &limits, &members, prefix](const std::string& name) {
                    const std::string member = prefix + name;
                    check_asset_size(members.at(member),
                                     zip.path() + " (" + member + ")", limits);
                    return zip.read(member);
                  });
    // Layers are not const: the walk only hands them out as such.
    const_cast<Layer*>(entry.layer)->load_assets(dir);
  });
}

void load_assets_from_dir(Model& model, const std::string& assets_dir,
                          const Limits& limits) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(assets_dir, ec))) return;
  for_each_layer_dir(model, [&](const SaveableEntry& entry,
                                const std::string& location) {
    const fs::path dir_path = entry.path.empty()
                                  ? fs::path(assets_dir)
                                  : assets_dir / fs::path(entry.path);
    std::vector<std::string> names;
    if (fs::is_directory(fs::symlink_status(dir_path, ec))) {
      for (auto it = fs::recursive_directory_iterator(dir_path, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::file_status status = it->symlink_status(ec);
        if (fs::is_symlink(status)) {
          throw FormatError(str("Asset ", it->path().string(),
                                " is a symbolic link; keras.cpp reads only "
                                "regular files from a model's assets."));
        }
        if (fs::is_regular_file(status)) {
          names.push_back(
              it->path().lexically_relative(dir_path).generic_string());
        }
      }
    }
    AssetsDir dir(location, std::move(names),
                  [dir_path, &limits](const std::string& name) {
                    const std::string path = (dir_path / name).string();
                    std::error_code size_ec;
                    const auto size = fs::file_size(path, size_ec);
                    check_asset_size(size_ec ? 0 : size, path, limits);
                    return read_file(path, limits.max_asset_bytes);
                  });
    const_cast<Layer*>(entry.layer)->load_assets(dir);
  });
}

}  // namespace keras::saving
