// File: keras/saving/weights_store.h
// -----------------------------------------------------------------------------
// Where the variables of a weights file come from and go to (Python:
// H5IOStore and ShardedH5IOStore in keras/src/saving/saving_lib.py).
//
// An object's variables live in a "vars group" ("vars" for the model itself,
// "layers/dense/vars", "optimizer/vars") as datasets "0", "1", ... with the
// object's name in the group's `name` attribute. Two layouts hold them:
//
//   x.weights.h5 (also model.weights.h5 inside .keras and model directories)
//       one HDF5 file.
//   x.weights.json (save_weights(..., {.max_shard_size = GB}))
//       an index {"metadata": {"total_size": bytes}, "weight_map":
//       {"/layers/dense/vars": "x_00000.weights.h5" or [files...]}} beside
//       the shards x_00000.weights.h5, x_00001.weights.h5, ... A new shard
//       starts when the next variable would take the current one over
//       max_shard_size; a vars group split over shards is listed with every
//       shard that holds one of its datasets, and its `name` attribute stays
//       in the shard where the group was started (as Keras 3.10+ writes it).
//
//   H5WeightsWriter out;
//   out.make("layers/dense/vars", "dense");
//   out.write("layers/dense/vars", "0", kernel);
//   std::string bytes = out.bytes();
// -----------------------------------------------------------------------------
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/core/json.h"
#include "keras/saving/h5_file.h"

namespace keras::saving {

// Read side: the datasets of a vars group.
class WeightsReader {
 public:
  virtual ~WeightsReader() = default;
  // Dataset names of `vars_path` ("0", "1", ... in numeric order); empty
  // when the group is absent.
  virtual std::vector<std::string> keys(const std::string& vars_path) const = 0;
  virtual Tensor read(const std::string& vars_path,
                      const std::string& key) const = 0;
  // Whether the file has anything at `path` (a group such as
  // "block/sublist/container"); readers that cannot tell say true.
  virtual bool has_path(const std::string& path) const {
    (void)path;
    return true;
  }
  // Reads into `target`'s storage when the dataset has its shape and dtype,
  // and returns `target`; otherwise returns what read() does (the caller
  // converts it or reports the mismatch). Saves a copy of every variable.
  virtual Tensor read_into(const std::string& vars_path, const std::string& key,
                           const Tensor& target) const {
    (void)target;
    return read(vars_path, key);
  }
};

// Write side: groups are made in traversal order, then filled.
class WeightsWriter {
 public:
  virtual ~WeightsWriter() = default;
  // Creates the vars group (with its `name` attribute when given).
  virtual void make(const std::string& vars_path,
                    const std::optional<std::string>& name) = 0;
  virtual void write(const std::string& vars_path, const std::string& key,
                     const Tensor& value) = 0;
};

// Numeric order of dataset names ("2" before "10"), as Keras' vars/<i>.
void sort_dataset_names(std::vector<std::string>& names);

class H5WeightsReader : public WeightsReader {
 public:
  explicit H5WeightsReader(const H5File& file) : file_(file) {}
  std::vector<std::string> keys(const std::string& vars_path) const override;
  bool has_path(const std::string& path) const override;
  Tensor read(const std::string& vars_path,
              const std::string& key) const override;
  Tensor read_into(const std::string& vars_path, const std::string& key,
                   const Tensor& target) const override;

 private:
  const H5File& file_;
};

class H5WeightsWriter : public WeightsWriter {
 public:
  // Into a file held in memory (bytes() returns it).
  H5WeightsWriter() : file_(H5File::create_in_memory()) {}
  // Into `file`, e.g. one written in place into an archive.
  explicit H5WeightsWriter(H5File file) : file_(std::move(file)) {}
  void make(const std::string& vars_path,
            const std::optional<std::string>& name) override;
  void write(const std::string& vars_path, const std::string& key,
             const Tensor& value) override;
  // The complete HDF5 file.
  std::string bytes() { return file_.file_image(); }
  // Flushes and closes the file (FileError if that fails).
  void close() { file_.close(); }

 private:
  H5File file_;
};

// Reads x.weights.json and the shards beside it. Every shard named in the
// index must exist (FileError otherwise, naming the shard and the index).
class ShardedWeightsReader : public WeightsReader {
 public:
  explicit ShardedWeightsReader(const std::string& index_path);
  std::vector<std::string> keys(const std::string& vars_path) const override;
  bool has_path(const std::string& path) const override;
  Tensor read(const std::string& vars_path,
              const std::string& key) const override;
  // Shard file names in index order of first appearance.
  const std::vector<std::string>& shard_names() const { return shards_; }
  const H5File& shard(const std::string& name) const;
  const Json& index() const { return index_; }

 private:
  std::vector<std::string> files_of(const std::string& vars_path) const;
  std::string index_path_;
  Json index_;
  std::vector<std::string> shards_;
  std::map<std::string, H5File> open_;
};

// Writes x.weights.json and its shards on finish(); `max_shard_size_gb` as
// Keras' max_shard_size (GB = 1024**3 bytes). A single variable larger than
// a shard is a ValueError.
class ShardedWeightsWriter : public WeightsWriter {
 public:
  ShardedWeightsWriter(const std::string& index_path, double max_shard_size_gb);
  void make(const std::string& vars_path,
            const std::optional<std::string>& name) override;
  void write(const std::string& vars_path, const std::string& key,
             const Tensor& value) override;
  // Writes every shard and then the index (each atomically).
  void finish();

 private:
  void new_shard();
  std::string index_path_;
  std::string base_name_;
  double max_bytes_;
  double current_bytes_ = 0;
  double total_bytes_ = 0;
  bool any_variable_ = false;
  std::vector<std::pair<std::string, H5File>> shards_;
  Json weight_map_ = Json::object();
};

// Bytes Keras counts for a variable: elements x dtype bits / 8.
double weight_bytes(const Tensor& value);
// "9.49 KB": 1024-based units (Keras' readable_memory_size).
std::string readable_bytes(double bytes);

}  // namespace keras::saving
