// File: keras/saving/file_editor.h
// -----------------------------------------------------------------------------
// Keras files as data: inspect, compare, edit and convert them without
// building a model (Python: keras.saving.KerasFileEditor,
// keras/src/saving/file_editor.py). Behind `keras-cpp inspect|diff|edit|
// convert|verify`.
//
// Every format reads into the same picture: a config (the model record, or
// null), metadata (metadata.json, or the legacy file's keras_version and
// backend) and the weight objects, each an HDF5 group with its `name`
// attribute and its datasets in order:
//
//   .keras zip / directory / x.weights.h5 / x.weights.json (sharded):
//       groups "layers/dense/vars", "optimizer/vars", "vars"; keys "0", "1"...
//   legacy x.h5: groups "model_weights/<layer>" (layer_names order) and
//       "optimizer_weights"; keys are the weight_names ("dense/kernel").
//
// A weight's path is "<group>/<key>" ("layers/dense/vars/0"); an object is
// named by its path with or without the trailing "/vars" ("layers/dense"),
// or by one unique path component ("dense"), as KerasFileEditor allows.
//
//   keras::saving::KerasFileEditor editor("model.keras");
//   editor.rename_object("dense", "dense_9");
//   editor.set_weight("layers/dense_1/vars/0", keras::load_npy("k.npy"));
//   editor.save("edited.weights.json", {.max_shard_size = 0.5});
//
// Output formats come from the output path's form (output_format_for):
// "x.keras" zip, "x.weights.h5", "x.weights.json" (sharded), "x.h5"/"x.hdf5"
// legacy full model, a path without suffix = the directory format.
// -----------------------------------------------------------------------------
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/core/json.h"
#include "keras/saving/object_registration.h"

namespace keras {
class Model;
}

namespace keras::saving {

enum class FileFormat {
  keras_zip,        // x.keras
  directory,        // save_model(..., zipped=false)
  weights_h5,       // x.weights.h5
  weights_sharded,  // x.weights.json + shards
  legacy_h5,        // x.h5 / x.hdf5 full model (or Keras 2 weights)
  config_json,      // model.json (to_json), no weights
};

// "keras", "directory", "weights.h5", "weights.json", "legacy h5",
// "config json".
std::string format_name(FileFormat format);
// The format of an existing file or directory, from its content and name.
// FileError when missing, ValueError when nothing Keras.
FileFormat detect_format(const std::string& path);
// The format a path names as an output. ValueError for other suffixes.
FileFormat output_format_for(const std::string& path);

struct WeightsObject {
  std::string group;                // "layers/dense/vars"
  std::optional<std::string> name;  // the group's `name` attribute
  std::vector<std::pair<std::string, Tensor>> weights;  // key -> value
};

struct SaveFileOptions {
  // Sharded output (x.weights.json): largest shard in GB (Keras' default 5).
  std::optional<double> max_shard_size;
  const CustomObjects* custom_objects = nullptr;
};

class KerasFileEditor {
 public:
  // Reads every weight of `path` into memory. A config JSON (model.json)
  // takes its weights from `weights_path` (.weights.h5 / .weights.json).
  explicit KerasFileEditor(const std::string& path,
                           const std::string& weights_path = "");

  const std::string& filepath() const { return path_; }
  FileFormat format() const { return format_; }
  // The model record, or null (weights-only files).
  const Json& config() const { return config_; }
  // metadata.json (keras_version, date_saved), legacy attributes, or null.
  const Json& metadata() const { return metadata_; }
  const std::vector<WeightsObject>& objects() const { return objects_; }
  // Shard file names of a sharded file (else empty).
  const std::vector<std::string>& shards() const { return shards_; }

  // ---- Keras' editing API ----
  // Renames the last component of an object path (new_name is a leaf).
  void rename_object(const std::string& object, const std::string& new_name);
  // Removes an object and every object below it ("layers" removes all).
  void delete_object(const std::string& object);
  void delete_weight(const std::string& object, const std::string& key);
  // Adds an object (full path, e.g. "layers/dense_2") with its weights.
  void add_object(const std::string& object_path,
                  std::vector<std::pair<std::string, Tensor>> weights);
  void add_weights(const std::string& object,
                   std::vector<std::pair<std::string, Tensor>> weights);

  // ---- keras-cpp edit ----
  // Deletes the weight at a weight path, else the object(s) at the path.
  void delete_path(const std::string& path);
  // Replaces the weight at `weight_path` ("layers/dense/vars/0"); the shape
  // must match, the value is cast to the stored dtype.
  void set_weight(const std::string& weight_path, const Tensor& value);

  // Writes the file in the format of `out` (output_format_for). Keras 3
  // formats are written from the file contents (config + metadata needed
  // for .keras and directories); a legacy .h5 output builds the model from
  // the config and loads the weights into it first.
  void save(const std::string& out, const SaveFileOptions& options = {}) const;

  // Builds the model of the config and loads these weights into it (with
  // skip_mismatch, objects that do not fit keep their initial values).
  std::shared_ptr<Model> build_model(const CustomObjects* custom_objects,
                                     bool compile,
                                     bool skip_mismatch = false) const;

  // `keras-cpp inspect`: text and JSON forms.
  void print_summary(std::ostream& out) const;
  Json summary_json() const;

 private:
  // Groups an object reference matches (path, path + "/vars", or a unique
  // component); throws Keras' ValueError when none or ambiguous.
  std::string resolve_object(const std::string& object) const;
  WeightsObject* find_group(const std::string& group);
  std::pair<WeightsObject*, std::size_t> find_weight(const std::string& path);

  std::string path_;
  FileFormat format_;
  Json config_;
  Json metadata_;
  std::vector<WeightsObject> objects_;
  std::vector<std::string> shards_;
  bool edited_ = false;
};

// `keras-cpp diff A B`: config differences (JSON paths) and per-variable
// max abs error. Returns true when the files differ.
bool diff_files(const KerasFileEditor& a, const KerasFileEditor& b,
                std::ostream& out);

// `keras-cpp convert IN OUT`: files with a config go through the model
// (so legacy configs are converted and OUT is written as Keras writes it);
// weights-only files are copied at file level.
struct ConvertOptions {
  // Weights for a config JSON input: .weights.h5, .weights.json, a legacy
  // .h5/.hdf5 weights file or the weights of a .keras file.
  std::string weights;
  std::optional<double> max_shard_size;
  // How `weights` load into the config's model (model.load_weights'
  // skip_mismatch and, for legacy .h5 weights, by_name).
  bool skip_mismatch = false;
  bool by_name = false;
  // Write a .keras / directory / legacy .h5 OUT for this older Keras 3
  // release (SaveOptions::keras_version).
  std::string keras_version;
  const CustomObjects* custom_objects = nullptr;
};
void convert_file(const std::string& in, const std::string& out,
                  const ConvertOptions& options = {});

// Saves `model` in the format `out` names.
void save_model_as(const Model& model, const std::string& out,
                   std::optional<double> max_shard_size = std::nullopt,
                   const std::string& keras_version = "");

// `keras-cpp verify`: runs the model on inputs_dir/input_<i>.npy and
// compares with expected_dir/expected_<k>.npy; prints one line per output
// (max abs error, max rel error, status). Returns true when all match
// (|a - e| <= atol + rtol * |e| everywhere, same shapes).
struct VerifyOptions {
  double rtol = 1e-5;
  double atol = 1e-6;
  std::int64_t batch_size = 32;
};
bool verify_model(Model& model, const std::string& inputs_dir,
                  const std::string& expected_dir, const VerifyOptions& options,
                  std::ostream& out);

}  // namespace keras::saving
