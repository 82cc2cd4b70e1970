// File: keras/saving/assets_store.h
// -----------------------------------------------------------------------------
// Assets: files a saveable keeps beside its weights (a lookup layer's
// vocabulary.txt). Python: saving_lib.DiskIOStore and the save_assets /
// load_assets calls of _save_state / _load_state.
//
// Each saveable gets the directory assets/<object path>/ (the path that names
// its weights: "layers/string_lookup", "" for the model itself) as an
// AssetsDir: save_assets() writes files into it, and load_assets() reads them
// back. In a .keras archive they are the members
// "assets/<object path>/<file>"; in the directory format, files under
// <dir>/assets/. Names are relative paths checked like zip member names (no
// "..", no absolute path), and a file read from an untrusted source is capped
// at Limits::max_asset_bytes.
//
//   void MyLayer::save_assets(saving::AssetsDir& dir) const {
//     dir.write("vocabulary.txt", text);
//   }
//   void MyLayer::load_assets(const saving::AssetsDir& dir) {
//     text = dir.read("vocabulary.txt");
//   }
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace keras {
class Model;
}

namespace keras::saving {

class ZipReader;
struct Limits;

class AssetsDir {
 public:
  // Reads one file of the directory (given its relative name).
  using Reader = std::function<std::string(const std::string& name)>;

  // An empty directory to write into; `location` names it in messages
  // ("assets/layers/string_lookup").
  explicit AssetsDir(std::string location = "assets");
  // A directory to read: its file names (relative, "/"-separated) and how
  // to read one.
  AssetsDir(std::string location, std::vector<std::string> names,
            Reader reader);

  const std::string& location() const { return location_; }
  // Adds (or replaces) a file. Throws ValueError for an unsafe name.
  void write(const std::string& name, std::string bytes);
  bool contains(const std::string& name) const;
  // The file's bytes; FormatError naming the directory when absent.
  std::string read(const std::string& name) const;
  // Relative names of the files, sorted.
  std::vector<std::string> names() const;

 private:
  std::string location_;
  std::map<std::string, std::string> written_;
  std::vector<std::string> stored_;
  Reader reader_;
};

// Every saveable's assets, as (member name "assets/<path>/<file>", bytes)
// pairs in the order of the weights walk.
std::vector<std::pair<std::string, std::string>> collect_assets(
    const Model& model);

// Calls load_assets() of every layer of `model` with its directory of the
// archive's "assets/" members. Does nothing when the archive has none (Keras
// only opens its asset store for an archive of more than 3 members).
void load_assets_from_zip(Model& model, const ZipReader& zip,
                          const Limits& limits);
// The same for the directory format: files under `assets_dir`, when it
// exists. Symbolic links are refused.
void load_assets_from_dir(Model& model, const std::string& assets_dir,
                          const Limits& limits);

}  // namespace keras::saving
