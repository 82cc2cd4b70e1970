#include "keras/saving/saving_lib.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "keras/legacy/saving/legacy_h5_format.h"
#include "keras/models/model.h"
#include "keras/optimizers/optimizer.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/saveable_walk.h"
#include "keras/saving/serialization_lib.h"
#include "keras/saving/zip_archive.h"
#include "keras/utils/file_utils.h"
#include "keras/utils/json_utils.h"

namespace keras::saving {

namespace fs = std::filesystem;

namespace {

// Caps on what a load reads into memory before parsing.
constexpr std::size_t kMaxConfigBytes = std::size_t{64} << 20;
constexpr std::size_t kMaxWeightsBytes = std::size_t{64} << 30;

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

const optimizers::Optimizer* saved_optimizer(const Model& model) {
  return model.compiled() ? model.optimizer().get() : nullptr;
}

void write_state(H5File& file, const Model& model) {
  for (const SaveableEntry& entry :
       walk_saveables(model, saved_optimizer(model))) {
    file.create_group(entry.vars_path);
    file.write_string_attribute(entry.vars_path, "name", entry.name);
    for (std::size_t i = 0; i < entry.variables.size(); ++i) {
      file.write_dataset(entry.vars_path + "/" + std::to_string(i),
                         entry.variables[i]->value());
    }
  }
}

// Reads the datasets "0", "1", ... of a vars group (missing group = none).
std::vector<std::string> dataset_names(const H5File& file,
                                       const std::string& vars_path) {
  if (!file.has(vars_path)) return {};
  std::vector<std::string> names = file.children(vars_path);
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) {
              if (a.size() != b.size()) return a.size() < b.size();
              return a < b;
            });
  return names;
}

void load_state(Model& model, const H5File& file, const std::string& what) {
  // Compiled models build their optimizer first so its state can load.
  const optimizers::Optimizer* optimizer = saved_optimizer(model);
  if (optimizer && !optimizer->built()) {
    model.optimizer()->build(model.trainable_weights());
  }
  std::vector<std::string> failed;
  std::string first_error;
  for (const SaveableEntry& entry : walk_saveables(model, optimizer)) {
    const std::vector<std::string> names = dataset_names(file, entry.vars_path);
    if (entry.is_optimizer) {
      if (names.size() != entry.variables.size()) {
        std::cerr << "WARNING: Skipping variable loading for optimizer '"
                  << entry.name << "', because it has "
                  << entry.variables.size()
                  << " variables whereas the saved optimizer has "
                  << names.size() << " variables.\n";
        continue;
      }
    } else if (names.size() != entry.variables.size()) {
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
        const std::string path = entry.vars_path + "/" + std::to_string(i);
        if (!file.has(path)) {
          throw ValueError(str("missing dataset ", path));
        }
        entry.variables[i]->assign(file.read_dataset(path));
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
    throw ValueError(
        str("A total of ", failed.size(), " objects could not be loaded from ",
            what, ". Example error message for object ", failed[0], ":\n\n",
            first_error, "\n\nList of objects that could not be loaded:\n[",
            list, "]"));
  }
}

JsonLimits config_limits() { return JsonLimits{}; }

}  // namespace

std::shared_ptr<Model> model_from_json_text(const std::string& text,
                                            const std::string& what,
                                            const CustomObjects* custom_objects,
                                            bool compile) {
  return model_from_record(parse_json(text, what, config_limits()), what,
                           custom_objects, compile);
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
    model->compile_from_config(config["compile_config"]);
  }
  return model;
}

namespace {
std::shared_ptr<Model> model_from_config_bytes(const std::string& text,
                                               const std::string& what,
                                               const LoadOptions& options) {
  return model_from_json_text(text, what, options.custom_objects,
                              options.compile);
}
}  // namespace

std::string weights_to_h5_bytes(const Model& model) {
  H5File file = H5File::create_in_memory();
  write_state(file, model);
  return file.file_image();
}

void load_weights_from_h5_bytes(Model& model, std::string bytes,
                                const std::string& what) {
  H5File file = H5File::open_image(bytes, what);
  load_state(model, file, what);
}

void save_model(const Model& model, const std::string& path) {
  if (!ends_with(path, ".keras")) {
    throw ValueError(
        str("Invalid filepath extension for saving. Please add a `.keras` "
            "extension for the native Keras format. Received: filepath=",
            path));
  }
  // Serialize everything before touching the destination.
  const std::string metadata = dump_json(Json{
      {"keras_version", kKerasFormatVersion}, {"date_saved", date_saved()}});
  const std::string config = dump_json(model.serialize());
  std::string weights = weights_to_h5_bytes(model);
  ZipWriter zip(path);
  zip.add("metadata.json", metadata);
  zip.add("config.json", config);
  zip.add("model.weights.h5", std::move(weights));
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
    auto model = model_from_config_bytes(
        read_file((dir / "config.json").string(), kMaxConfigBytes),
        path + "/config.json", options);
    const fs::path weights = dir / "model.weights.h5";
    if (!fs::exists(weights, ec)) {
      throw FormatError(str(path, ": expected a model.weights.h5 file."));
    }
    load_weights_from_h5_bytes(*model,
                               read_file(weights.string(), kMaxWeightsBytes),
                               weights.string());
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
  ZipReader zip(path);
  if (!zip.contains("config.json")) {
    throw FormatError(str(path,
                          " is not a valid .keras file: the archive "
                          "has no config.json."));
  }
  auto model = model_from_config_bytes(zip.read("config.json"),
                                       path + " (config.json)", options);
  if (zip.contains("model.weights.h5")) {
    load_weights_from_h5_bytes(*model, zip.read("model.weights.h5"),
                               path + " (model.weights.h5)");
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

void save_weights(const Model& model, const std::string& path) {
  if (!ends_with(path, ".weights.h5")) {
    throw ValueError(
        str("The filename must end in `.weights.h5`. Received: "
            "filepath=",
            path));
  }
  write_file_atomic(path, weights_to_h5_bytes(model));
}

void load_weights(Model& model, const std::string& path) {
  if (ends_with(path, ".keras")) {
    ZipReader zip(path);
    if (!zip.contains("model.weights.h5")) {
      throw FormatError(str(path,
                            ": expected a model.weights.h5 file in the "
                            "archive."));
    }
    load_weights_from_h5_bytes(model, zip.read("model.weights.h5"), path);
    return;
  }
  if (!ends_with(path, ".weights.h5")) {
    if (ends_with(path, ".h5") || ends_with(path, ".hdf5")) {
      legacy::saving::load_weights_from_hdf5(model, path);
      return;
    }
    throw ValueError(
        str("load_weights: the filename must end in "
            "`.weights.h5`, `.h5` or `.keras`. Received: filepath=",
            path));
  }
  load_weights_from_h5_bytes(model, read_file(path, kMaxWeightsBytes), path);
}

}  // namespace keras::saving
