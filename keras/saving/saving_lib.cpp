#include "keras/saving/saving_lib.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>
#include <optional>

#include "keras/layers/weight_initialization.h"
#include "keras/legacy/saving/legacy_h5_format.h"
#include "keras/models/model.h"
#include "keras/optimizers/optimizer.h"
#include "keras/saving/assets_store.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/keras_version_compat.h"
#include "keras/saving/named_state.h"
#include "keras/saving/saveable_walk.h"
#include "keras/saving/serialization_lib.h"
#include "keras/saving/weights_store.h"
#include "keras/saving/zip_archive.h"
#include "keras/utils/file_utils.h"
#include "keras/utils/json_utils.h"

namespace keras::saving {

namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string date_saved() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d@%H:%M:%S", &local);
  return buf;
}

// The named entries (besides vars/<i>) of a saveable, or null.
const NamedStateSaveable* named_state_of(const SaveableEntry& entry) {
  return dynamic_cast<const NamedStateSaveable*>(entry.layer);
}

const optimizers::Optimizer* saved_optimizer(const Model& model) {
  return model.compiled() ? model.optimizer().get() : nullptr;
}

void write_state(WeightsWriter& out, const Model& model) {
  for (const SaveableEntry& entry :
       walk_saveables(model, saved_optimizer(model))) {
    out.make(entry.vars_path, entry.name);
    for (std::size_t i = 0; i < entry.variables.size(); ++i) {
      out.write(entry.vars_path, std::to_string(i),
                entry.variables[i]->value());
    }
    if (const NamedStateSaveable* named = named_state_of(entry)) {
      for (const std::string& key : named->named_state_keys()) {
        out.write(entry.vars_path, key, named->named_state(key));
      }
    }
  }
}

void load_state(Model& model, const WeightsReader& file,
                const std::string& what, bool skip_mismatch = false) {
  // Compiled models build their optimizer first so its state can load.
  const optimizers::Optimizer* optimizer = saved_optimizer(model);
  if (optimizer && !optimizer->built()) {
    model.optimizer()->build(model.trainable_weights());
  }
  std::vector<std::string> failed;
  std::string first_error;
  std::vector<std::string> skipped_containers;
  const PathPresent present = [&](const std::string& path) {
    return file.has_path(path);
  };
  for (const SaveableEntry& entry : walk_saveables(model, optimizer, present)) {
    if (!entry.missing_container.empty() && !entry.variables.empty()) {
      // Keras 3.15's _load_container_state: keep the values, warn once.
      if (std::find(skipped_containers.begin(), skipped_containers.end(),
                    entry.missing_container) == skipped_containers.end()) {
        skipped_containers.push_back(entry.missing_container);
        std::cerr << "WARNING: Skipping nested container at '"
                  << entry.missing_container
                  << "': no matching group found in the saved file. This "
                     "usually means the file was saved with a Keras version "
                     "that did not serialize sublayers nested inside "
                     "containers. Affected layers will retain their "
                     "freshly-initialized weights.\n";
      }
      continue;
    }
    const std::vector<std::string> names = file.keys(entry.vars_path);
    const NamedStateSaveable* named = named_state_of(entry);
    const std::vector<std::string> named_keys =
        named ? named->named_state_keys() : std::vector<std::string>{};
    if (entry.is_optimizer) {
      if (names.size() != entry.variables.size()) {
        std::cerr << "WARNING: Skipping variable loading for optimizer '"
                  << entry.name << "', because it has "
                  << entry.variables.size()
                  << " variables whereas the saved optimizer has "
                  << names.size() << " variables.\n";
        continue;
      }
    } else if (names.size() != entry.variables.size() + named_keys.size()) {
      std::string expected;
      for (const auto& v : entry.variables) {
        expected += (expected.empty() ? "'" : ", '") + v->name() + "'";
      }
      const std::string message =
          str("Layer '", entry.name, "' expected ", entry.variables.size(),
              " variables, but received ", names.size(),
              " variables during loading. Expected: [", expected, "]");
      if (first_error.empty()) first_error = message;
      failed.push_back(entry.description);
      continue;
    }
    try {
      for (std::size_t i = 0; i < entry.variables.size(); ++i) {
        // Straight into the variable when shape and dtype match; assign()
        // converts the dtype or reports the mismatch otherwise.
        Variable& variable = *entry.variables[i];
        const Tensor value = file.read_into(entry.vars_path, std::to_string(i),
                                            variable.value());
        if (!value.same_as(variable.value())) variable.assign(value);
      }
      for (const std::string& key : named_keys) {
        // The walk hands out const layers of the (non-const) model.
        const_cast<NamedStateSaveable*>(named)->load_named_state(
            key, file.read(entry.vars_path, key));
      }
    } catch (const FormatError&) {
      throw;  // a corrupt file is not a mismatch: report it as such
    } catch (const Error& e) {
      if (first_error.empty()) first_error = e.what();
      failed.push_back(entry.description);
    }
  }
  if (!failed.empty()) {
    std::string list;
    for (const std::string& f : failed) list += (list.empty() ? "" : ", ") + f;
    const std::string message =
        str("A total of ", failed.size(), " objects could not be loaded from ",
            what, ". Example error message for object ", failed[0], ":\n\n",
            first_error, "\n\nList of objects that could not be loaded:\n[",
            list, "]");
    // Keras' _raise_loading_failure(warn_only=skip_mismatch): the objects
    // that failed keep their values, the rest is loaded.
    if (!skip_mismatch) throw ValueError(message);
    std::cerr << "WARNING: " << message << "\n";
  }
}

}  // namespace

std::shared_ptr<Model> model_from_json_text(const std::string& text,
                                            const std::string& what,
                                            const CustomObjects* custom_objects,
                                            bool compile,
                                            const Limits& limits) {
  const Json record = parse_json(text, what, limits.json);
  WeightBudgetScope budget(limits, what);
  return model_from_record(record, what, custom_objects, compile);
}

std::shared_ptr<Model> model_from_record(const Json& config,
                                         const std::string& what,
                                         const CustomObjects* custom_objects,
                                         bool compile) {
  if (!config.is_object()) {
    throw FormatError(str(what,
                          " does not hold a model record (a JSON object "
                          "with class_name and config)."));
  }
  std::shared_ptr<Layer> layer;
  {
    ObjectSharingScope sharing;
    layer = deserialize_layer(config, custom_objects);
  }
  auto model = std::dynamic_pointer_cast<Model>(layer);
  if (!model) {
    throw TypeError(str(what, " describes a ", layer->class_name(),
                        " layer, not a model."));
  }
  if (compile && config.contains("compile_config") &&
      config["compile_config"].is_object() &&
      !config["compile_config"].empty()) {
    try {
      model->compile_from_config(config["compile_config"]);
    } catch (const Json::exception& e) {
      throw FormatError(
          str(what, " has a malformed compile_config (", e.what(), ")."));
    }
  }
  return model;
}

namespace {
std::shared_ptr<Model> model_from_config_bytes(const std::string& text,
                                               const std::string& what,
                                               const LoadOptions& options) {
  return model_from_json_text(text, what, options.custom_objects,
                              options.compile, options.limits);
}
}  // namespace

std::string weights_to_h5_bytes(const Model& model) {
  H5WeightsWriter out;
  write_state(out, model);
  return out.bytes();
}

void load_weights_from_h5_bytes(Model& model, std::string bytes,
                                const std::string& what, const H5Limits& limits,
                                bool skip_mismatch) {
  H5File file = H5File::open_image(bytes, what, limits);
  load_state(model, H5WeightsReader(file), what, skip_mismatch);
}

namespace {

constexpr const char* kWeightsMember = "model.weights.h5";

// model.weights.h5 of a .keras archive, opened before the model is built.
// Keras stores it uncompressed, so HDF5 reads it in place (no copy of the
// member in memory) while another thread checks its CRC-32; a compressed
// member is inflated into memory instead.
class ArchiveWeights {
 public:
  ArchiveWeights(const ZipReader& zip, std::string what, const H5Limits& limits)
      : what_(std::move(what)) {
    if (!zip.contains(kWeightsMember)) return;
    if (auto range = zip.stored_range(kWeightsMember)) {
      file_.emplace(H5File::open_range(zip.path(), range->offset, range->size,
                                       what_, limits));
      crc_check_ = std::async(std::launch::async,
                              [&zip] { zip.verify(kWeightsMember); });
    } else {
      file_.emplace(
          H5File::open_image(zip.read(kWeightsMember), what_, limits));
    }
  }

  bool present() const { return file_.has_value(); }

  // Loads every variable of `model`; a CRC-32 mismatch of the member wins
  // over any other error (the bytes read were not the ones written).
  void load_into(Model& model, bool skip_mismatch = false) {
    try {
      load_state(model, H5WeightsReader(*file_), what_, skip_mismatch);
    } catch (...) {
      if (crc_check_.valid()) crc_check_.get();
      throw;
    }
    if (crc_check_.valid()) crc_check_.get();
  }

 private:
  std::string what_;
  std::optional<H5File> file_;
  std::future<void> crc_check_;
};

}  // namespace

void save_weights_to(const Model& model, WeightsWriter& out) {
  write_state(out, model);
}

void load_weights_from(Model& model, const WeightsReader& in,
                       const std::string& what, bool skip_mismatch) {
  load_state(model, in, what, skip_mismatch);
}

std::string metadata_json(const std::string& keras_version) {
  return dump_json(
      Json{{"keras_version",
            keras_version.empty() ? kKerasFormatVersion : keras_version},
           {"date_saved", date_saved()}});
}

namespace {

// keras.saving.save_model(model, dir, zipped=False): the members of a
// .keras archive as files of a directory.
void save_model_to_dir(const Model& model, const std::string& path,
                       const std::string& metadata, const std::string& config) {
  std::string weights = weights_to_h5_bytes(model);
  const auto assets = collect_assets(model);
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
    throw FileError(str("Cannot save the model directory ", path,
                        ": a file of that name exists."));
  }
  fs::create_directories(path, ec);
  if (ec) {
    throw FileError(str("Cannot create directory ", path, ": ", ec.message()));
  }
  const fs::path dir(path);
  write_file_atomic((dir / "metadata.json").string(), metadata);
  write_file_atomic((dir / "config.json").string(), config);
  write_file_atomic((dir / "model.weights.h5").string(), weights);
  for (auto& [member, bytes] : assets) {
    const fs::path file = dir / member;
    fs::create_directories(file.parent_path(), ec);
    if (ec) {
      throw FileError(str("Cannot create directory ",
                          file.parent_path().string(), ": ", ec.message()));
    }
    write_file_atomic(file.string(), bytes);
  }
}
}  // namespace

namespace {

// An upper bound of the size of the HDF5 file write_state() makes: the
// tensors' bytes plus an allowance for HDF5's metadata per group and dataset
// (object header, link, name; under 1 KiB in practice).
class SizeBoundWriter : public WeightsWriter {
 public:
  void make(const std::string&, const std::optional<std::string>&) override {
    bound += kPerObject;
  }
  void write(const std::string&, const std::string&,
             const Tensor& value) override {
    bound += value.nbytes() + kPerObject;
  }
  static constexpr std::uint64_t kPerObject = 16 << 10;
  std::uint64_t bound = 1 << 20;  // superblock, root group, heaps
};

// model.weights.h5, written by HDF5 straight into the archive: the tensors'
// bytes go from memory to the file once, with no image of the HDF5 file in
// between (with an HDF5 whose driver interface does not allow it, the file
// is built in memory and copied in).
void add_weights_member(ZipWriter& zip, const Model& model) {
  if (!H5File::can_write_in_place()) {
    zip.add(kWeightsMember, weights_to_h5_bytes(model));
    return;
  }
  SizeBoundWriter bound;
  write_state(bound, model);
  zip.add_written(kWeightsMember, bound.bound,
                  [&](int fd, std::uint64_t offset) {
                    H5WeightsWriter out(H5File::create_in_range(
                        fd, offset, str(zip.path(), "/", kWeightsMember)));
                    write_state(out, model);
                    out.close();
                  });
}

}  // namespace

void save_model(const Model& model, const std::string& path,
                const SaveOptions& options) {
  // The target release is checked before anything is written.
  std::string version;
  Json record = model.serialize();
  if (!options.keras_version.empty()) {
    version = target_keras_version_string(options.keras_version);
    record = config_for_keras_minor(record,
                                    target_keras_minor(options.keras_version));
  }
  const bool legacy = ends_with(path, ".h5") || ends_with(path, ".hdf5");
  if (legacy) {
    std::cerr << "WARNING: You are saving your model as an HDF5 file via "
                 "`model.save()` or `keras.saving.save_model(model)`. This "
                 "file format is considered legacy. We recommend using "
                 "instead the native Keras format, e.g. "
                 "`model.save('my_model.keras')` or "
                 "`keras.saving.save_model(model, 'my_model.keras')`. \n";
  }
  if (!options.zipped) {
    if (ends_with(path, ".keras")) {
      throw ValueError(
          str("When using `zipped=False`, the `filepath` argument should not "
              "end in `.keras`. Received: filepath=",
              path));
    }
    save_model_to_dir(model, path, metadata_json(version), dump_json(record));
    return;
  }
  if (legacy) {
    legacy::saving::save_model_to_hdf5(model, path, /*include_optimizer=*/true,
                                       version, record);
    return;
  }
  if (!ends_with(path, ".keras")) {
    throw ValueError(
        str("Invalid filepath extension for saving. Please add either a "
            "`.keras` extension for the native Keras format (recommended) or "
            "a `.h5` extension. Received: filepath=",
            path));
  }
  // The destination is only replaced by a complete archive (ZipWriter).
  const std::string metadata = metadata_json(version);
  const std::string config = dump_json(record);
  // Collected before the destination is touched.
  auto assets = collect_assets(model);
  ZipWriter zip(path);
  zip.add("metadata.json", metadata);
  zip.add("config.json", config);
  add_weights_member(zip, model);
  // Keras writes the assets directory after the weights.
  for (auto& [member, bytes] : assets) zip.add(member, std::move(bytes));
  zip.close();
}

std::shared_ptr<Model> load_model(const std::string& path,
                                  const LoadOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw FileError(str("File not found: filepath=", path,
                        ". Please ensure the file is an accessible `.keras` "
                        "zip file."));
  }
  if (fs::is_directory(path, ec)) {
    const fs::path dir(path);
    if (!fs::exists(dir / "config.json", ec)) {
      throw FormatError(str("Directory ", path,
                            " is not a saved Keras model: "
                            "it has no config.json."));
    }
    // Every weight is read from the file below (or the load fails).
    std::shared_ptr<Model> model;
    {
      SkipWeightInitializationScope no_init;
      model = model_from_config_bytes(read_file((dir / "config.json").string(),
                                                options.limits.json.max_bytes),
                                      path + "/config.json", options);
    }
    const fs::path weights = dir / "model.weights.h5";
    if (!fs::exists(weights, ec)) {
      throw FormatError(str(path, ": expected a model.weights.h5 file."));
    }
    load_weights_from_h5_bytes(
        *model,
        read_file(weights.string(), options.limits.max_weights_file_bytes),
        weights.string(), options.limits.h5);
    load_assets_from_dir(*model, (dir / "assets").string(), options.limits);
    return model;
  }
  // Legacy HDF5 models, also under a .keras name (sniffed from the content).
  if (legacy::saving::is_hdf5_file(path)) {
    return legacy::saving::load_model_from_hdf5(path, options);
  }
  if (ends_with(path, ".h5") || ends_with(path, ".hdf5")) {
    throw FormatError(str(path,
                          " is not an HDF5 file (it does not start with the "
                          "HDF5 signature), so it is not a legacy Keras "
                          "model file."));
  }
  ZipReader zip(path, options.limits.zip);
  if (!zip.contains("config.json")) {
    throw FormatError(str(path,
                          " is not a valid .keras file: the archive "
                          "has no config.json."));
  }
  const std::string config = zip.read("config.json");
  // Opened before the model exists, so that checking the file does not add
  // to the memory the model's variables take.
  ArchiveWeights weights(zip, path + " (model.weights.h5)", options.limits.h5);
  // Every weight is read from model.weights.h5 below (or the load fails).
  std::shared_ptr<Model> model;
  {
    SkipWeightInitializationScope no_init;
    model = model_from_config_bytes(config, path + " (config.json)", options);
  }
  if (weights.present()) {
    weights.load_into(*model);
    load_assets_from_zip(*model, zip, options.limits);
  } else if (zip.contains("model.weights.npz")) {
    throw FormatError(
        str(path,
            " stores its weights as model.weights.npz, which keras.cpp "
            "refuses to read (NumPy .npz may hold pickled Python objects)."));
  } else {
    throw FormatError(str(path,
                          " is not a valid .keras file: expected a "
                          "model.weights.h5 file in the archive."));
  }
  return model;
}

void save_weights(const Model& model, const std::string& path,
                  const SaveWeightsOptions& options) {
  if (options.max_shard_size) {
    if (!ends_with(path, "weights.h5") && !ends_with(path, "weights.json")) {
      throw ValueError(
          str("The filename must end in `.weights.json` when "
              "`max_shard_size` is specified. Received: filepath=",
              path));
    }
    ShardedWeightsWriter out(path, *options.max_shard_size);
    write_state(out, model);
    out.finish();
    return;
  }
  if (!ends_with(path, ".weights.h5")) {
    throw ValueError(
        str("The filename must end in `.weights.h5`. Received: "
            "filepath=",
            path));
  }
  write_file_atomic(path, weights_to_h5_bytes(model));
}

void load_weights(Model& model, const std::string& path,
                  const LoadWeightsOptions& options) {
  const Limits& limits = options.limits;
  const bool legacy = !ends_with(path, ".weights.h5") &&
                      (ends_with(path, ".h5") || ends_with(path, ".hdf5"));
  if (options.by_name && !legacy) {
    throw ValueError(
        str("`by_name` only supports loading legacy '.h5' or '.hdf5' files. "
            "Received: ",
            path));
  }
  if (legacy) {
    legacy::saving::load_weights_from_hdf5(model, path, options);
    return;
  }
  if (ends_with(path, ".keras")) {
    ZipReader zip(path, limits.zip);
    ArchiveWeights weights(zip, path, limits.h5);
    if (!weights.present()) {
      throw FormatError(str(path,
                            ": expected a model.weights.h5 file in the "
                            "archive."));
    }
    weights.load_into(model, options.skip_mismatch);
    return;
  }
  if (ends_with(path, ".weights.json")) {
    load_state(model, ShardedWeightsReader(path), path, options.skip_mismatch);
    return;
  }
  if (!ends_with(path, ".weights.h5")) {
    throw ValueError(
        str("load_weights: the filename must end in `.weights.h5`, "
            "`.weights.json`, `.h5` or `.keras`. Received: filepath=",
            path));
  }
  load_weights_from_h5_bytes(model,
                             read_file(path, limits.max_weights_file_bytes),
                             path, limits.h5, options.skip_mismatch);
}

}  // namespace keras::saving
