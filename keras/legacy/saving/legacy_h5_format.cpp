#include "keras/legacy/saving/legacy_h5_format.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>

#include "keras/legacy/saving/saving_utils.h"
#include "keras/models/model.h"
#include "keras/optimizers/optimizer.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/keras_version_compat.h"
#include "keras/utils/file_utils.h"
#include "keras/utils/json_utils.h"

namespace keras::legacy::saving {

using keras::saving::H5File;

namespace {

constexpr std::array<unsigned char, 8> kSignature = {0x89, 'H',  'D',  'F',
                                                     '\r', '\n', 0x1a, '\n'};

std::string join(const std::string& group, const std::string& name) {
  if (group.empty() || group == "/") return name;
  return group + "/" + name;
}

// Keras' _legacy_weights: trainable weights, then non-trainable ones.
Variables legacy_weights(const Layer& layer) {
  Variables out = layer.trainable_weights();
  const Variables rest = layer.non_trainable_weights();
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

std::vector<Tensor> load_subset_weights(const H5File& file,
                                        const std::string& group) {
  std::vector<Tensor> values;
  for (const std::string& name :
       load_attributes_from_hdf5_group(file, group, "weight_names")) {
    const std::string path = join(group, name);
    if (!file.is_dataset(path)) {
      throw FormatError(str(file.name(), ": the weight '", name, "' listed in ",
                            group,
                            "/weight_names is not a dataset of the file."));
    }
    values.push_back(file.read_dataset(path));
  }
  return values;
}

// Keras' _set_weights: shapes must match exactly, or with skip_mismatch a
// weight of another shape is skipped with a warning. Without skip_mismatch
// nothing is assigned unless every shape matches.
void set_weights(const Variables& variables, const std::vector<Tensor>& values,
                 const std::string& name, bool skip_mismatch = false) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (variables[i]->shape() == values[i].shape()) continue;
    const std::string detail = str(
        variables[i]->path(), ". Weight expects shape ",
        shape_str(variables[i]->shape()), ". Received saved weight with shape ",
        shape_str(values[i].shape()));
    if (!skip_mismatch) {
      throw ValueError(str("Shape mismatch in ", name, " for weight ", detail));
    }
    std::cerr << "WARNING: Skipping loading weights for " << name
              << " due to mismatch in shape for weight " << detail << "\n";
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (variables[i]->shape() == values[i].shape()) {
      variables[i]->assign(values[i]);
    }
  }
}

Json read_json_attribute(const H5File& file, const std::string& name,
                         const std::string& path) {
  std::optional<std::string> text = file.read_string_attribute("/", name);
  if (!text) return nullptr;
  return parse_json(*text, path + " (" + name + ")");
}

void load_optimizer_weights(Model& model, const H5File& file) {
  const std::string group = "optimizer_weights";
  try {
    const std::vector<Tensor> values = load_subset_weights(file, group);
    auto optimizer = model.optimizer();
    if (!optimizer->built()) optimizer->build(model.trainable_weights());
    const Variables& variables = optimizer->variables();
    if (variables.size() != values.size()) {
      throw ValueError(str("the optimizer has ", variables.size(),
                           " variables whereas the file holds ",
                           values.size()));
    }
    set_weights(variables, values, "optimizer");
  } catch (const Error& e) {
    std::cerr << "WARNING: Error in loading the saved optimizer state ("
              << e.what()
              << "). As a result, your model is starting with a freshly "
                 "initialized optimizer.\n";
  }
}

void compile_from_training_config(Model& model, const H5File& file,
                                  const std::string& path) {
  const Json training_config =
      read_json_attribute(file, "training_config", path);
  if (training_config.is_null()) {
    std::cerr << "WARNING: No training configuration found in the save file, "
                 "so the model was *not* compiled. Compile it manually.\n";
    return;
  }
  try {
    model.compile_from_config(
        compile_config_from_training_config(training_config));
  } catch (const Error& e) {
    // Keras 2 training setups Keras 3 cannot express (custom losses, nested
    // metrics, unsupported optimizers) should not cost the user the model.
    std::cerr << "WARNING: The training configuration of " << path
              << " could not be restored, so the model was *not* compiled ("
              << e.what() << "). Compile it manually.\n";
    return;
  }
  if (file.is_group("optimizer_weights")) load_optimizer_weights(model, file);
}

// Keras 1.x layer arguments (output_dim, init, border_mode, ...) are not
// Keras 3's: errors on such files say where they come from.
[[noreturn]] void rethrow_with_version_note(const Error& e,
                                            const H5File& file) {
  std::optional<std::string> version;
  try {
    version = file.read_string_attribute("/", "keras_version");
  } catch (const Error&) {
    // A malformed version attribute must not hide the original error.
  }
  if (!version || version->rfind("1.", 0) != 0) throw;
  const std::string message =
      str(e.what(), " (The file was written by Keras ", *version,
          ", whose layer configs Keras 3 does not read.)");
  if (dynamic_cast<const TypeError*>(&e)) throw TypeError(message);
  if (dynamic_cast<const ValueError*>(&e)) throw ValueError(message);
  throw;
}

}  // namespace

bool is_hdf5_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  // A zip (.keras) may store model.weights.h5 uncompressed at a user-block
  // offset: a file that starts like a zip is never taken for HDF5.
  char magic[2] = {};
  if (in.read(magic, 2) && magic[0] == 'P' && magic[1] == 'K') return false;
  in.clear();
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  // HDF5 looks for the superblock at 0, 512, 1024, 2048, ...
  for (std::streamoff offset = 0; offset + 8 <= size;
       offset = offset == 0 ? 512 : offset * 2) {
    std::array<unsigned char, 8> head{};
    in.seekg(offset);
    if (!in.read(reinterpret_cast<char*>(head.data()), head.size())) break;
    if (head == kSignature) return true;
  }
  return false;
}

std::vector<std::string> load_attributes_from_hdf5_group(
    const H5File& file, const std::string& group, const std::string& name) {
  const std::string path = group.empty() ? "/" : group;
  if (file.has_attribute(path, name)) {
    return file.read_string_array_attribute(path, name);
  }
  std::vector<std::string> data;
  for (int chunk = 0; file.has_attribute(path, name + std::to_string(chunk));
       ++chunk) {
    std::vector<std::string> part =
        file.read_string_array_attribute(path, name + std::to_string(chunk));
    data.insert(data.end(), part.begin(), part.end());
  }
  return data;
}

void load_weights_from_hdf5_group(const H5File& file, const std::string& group,
                                  Model& model, bool skip_mismatch) {
  std::vector<LayerPtr> layers;
  for (const LayerPtr& layer : model.layers()) {
    if (!legacy_weights(*layer).empty()) layers.push_back(layer);
  }
  std::vector<std::string> names;
  for (const std::string& name :
       load_attributes_from_hdf5_group(file, group, "layer_names")) {
    const std::string path = join(group, name);
    if (!file.is_group(path)) {
      throw FormatError(str(file.name(), ": the layer '", name,
                            "' listed in layer_names has no weights group."));
    }
    if (!load_attributes_from_hdf5_group(file, path, "weight_names").empty()) {
      names.push_back(name);
    }
  }
  if (names.size() != layers.size()) {
    throw ValueError(
        str("Layer count mismatch when loading weights from file. Model "
            "expected ",
            layers.size(), " layers, found ", names.size(), " saved layers."));
  }
  for (std::size_t k = 0; k < names.size(); ++k) {
    const Layer& layer = *layers[k];
    const Variables variables = legacy_weights(layer);
    const std::vector<Tensor> values =
        load_subset_weights(file, join(group, names[k]));
    if (values.size() != variables.size()) {
      throw ValueError(str("Weight count mismatch for layer #", k, " (named ",
                           layer.name(), " in the current model, ", names[k],
                           " in the save file). Layer expects ",
                           variables.size(), " weight(s). Received ",
                           values.size(), " saved weight(s)"));
    }
    set_weights(variables, values,
                str("layer #", k, " (named ", layer.name(), ")"),
                skip_mismatch);
  }
  const std::string top = join(group, "top_level_model_weights");
  if (file.is_group(top)) {
    const Variables variables = model.own_variables();
    const std::vector<Tensor> values = load_subset_weights(file, top);
    if (values.size() != variables.size()) {
      throw ValueError(str(
          "Weight count mismatch for top-level weights when loading weights "
          "from file. Model expects ",
          variables.size(), " top-level weight(s). Received ", values.size(),
          " saved top-level weight(s)"));
    }
    set_weights(variables, values, "top-level model", skip_mismatch);
  }
}

void load_weights_from_hdf5_group_by_name(const H5File& file,
                                          const std::string& group,
                                          Model& model, bool skip_mismatch) {
  std::map<std::string, std::vector<LayerPtr>> index;
  for (const LayerPtr& layer : model.layers()) {
    if (!layer->name().empty()) index[layer->name()].push_back(layer);
  }
  const std::vector<std::string> names =
      load_attributes_from_hdf5_group(file, group, "layer_names");
  for (std::size_t k = 0; k < names.size(); ++k) {
    const std::string path = join(group, names[k]);
    if (!file.is_group(path)) {
      throw FormatError(str(file.name(), ": the layer '", names[k],
                            "' listed in layer_names has no weights group."));
    }
    const auto found = index.find(names[k]);
    if (found == index.end()) continue;
    const std::vector<Tensor> values = load_subset_weights(file, path);
    for (const LayerPtr& layer : found->second) {
      const Variables variables = legacy_weights(*layer);
      const std::string where =
          str("layer #", k, " (named ", layer->name(), ")");
      if (values.size() != variables.size()) {
        const std::string counts =
            str("Layer expects ", variables.size(), " weight(s). Received ",
                values.size(), " saved weight(s)");
        if (!skip_mismatch) {
          throw ValueError(
              str("Weight count mismatch for ", where, ". ", counts));
        }
        std::cerr << "WARNING: Skipping loading of weights for " << where
                  << " due to mismatch in number of weights. " << counts
                  << "\n";
        continue;
      }
      set_weights(variables, values, where, skip_mismatch);
    }
  }
  const std::string top = join(group, "top_level_model_weights");
  if (!file.is_group(top)) return;
  const Variables variables = model.own_variables();
  const std::vector<Tensor> values = load_subset_weights(file, top);
  if (values.size() != variables.size()) {
    const std::string counts = str("Model expects ", variables.size(),
                                   " top-level weight(s). Received ",
                                   values.size(), " saved top-level weight(s)");
    if (!skip_mismatch) {
      throw ValueError(str(
          "Weight count mismatch for top-level weights of model. ", counts));
    }
    std::cerr << "WARNING: Skipping loading top-level weights for model due "
                 "to mismatch in number of weights. "
              << counts << "\n";
    return;
  }
  set_weights(variables, values, "top-level model", skip_mismatch);
}

std::shared_ptr<Model> load_model_from_hdf5(
    const std::string& path, const keras::saving::LoadOptions& options) {
  return load_model_from_hdf5(H5File::open(path, options.limits.h5), options);
}

std::shared_ptr<Model> load_model_from_hdf5(
    const H5File& file, const keras::saving::LoadOptions& options) {
  const std::string& path = file.name();
  const Json model_config = read_json_attribute(file, "model_config", path);
  if (model_config.is_null()) {
    // A weights file (native `layers/` or legacy `layer_names`) holds no
    // model: say so, since that is the usual mix-up.
    const bool weights_only =
        file.is_group("layers") || file.has_attribute("/", "layer_names");
    throw ValueError(str("No model config found in the file at ", path, ".",
                         weights_only
                             ? " It holds only weights: build the model and "
                               "call model.load_weights() with it instead."
                             : ""));
  }
  std::shared_ptr<Model> model;
  try {
    keras::saving::WeightBudgetScope budget(options.limits, path);
    model = keras::saving::model_from_record(
        model_record_from_legacy_config(model_config), path + " (model_config)",
        options.custom_objects, /*compile=*/false);
  } catch (const Error& e) {
    rethrow_with_version_note(e, file);
  }
  if (!file.is_group("model_weights")) {
    throw FormatError(
        str(path, " holds a model config but no model_weights group."));
  }
  load_weights_from_hdf5_group(file, "model_weights", *model);
  if (options.compile) compile_from_training_config(*model, file, path);
  return model;
}

void load_weights_from_hdf5(Model& model, const std::string& path,
                            const keras::saving::LoadWeightsOptions& options) {
  const H5File file = H5File::open(path, options.limits.h5);
  // Keras: a full-model file keeps its weights under model_weights.
  const std::string group =
      !file.has_attribute("/", "layer_names") && file.is_group("model_weights")
          ? "model_weights"
          : "";
  if (options.by_name) {
    load_weights_from_hdf5_group_by_name(file, group, model,
                                         options.skip_mismatch);
  } else {
    load_weights_from_hdf5_group(file, group, model, options.skip_mismatch);
  }
}

// ---- writing (Keras 3's save_model_to_hdf5) ----

namespace {

// The backend attribute names the library that computed the weights.
constexpr const char* kBackendName = "keras.cpp";

// Keras' use_legacy_config scope: layer records inside "layers" lists keep
// only class_name/config (plus name/inbound_nodes in Functional configs).
Json legacy_model_config(const Json& value, bool layer_record = false) {
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) out.push_back(legacy_model_config(item));
    return out;
  }
  if (!value.is_object()) return value;
  Json out = Json::object();
  for (const auto& [key, item] : value.items()) {
    if (layer_record && (key == "module" || key == "registered_name" ||
                         key == "build_config" || key == "compile_config")) {
      continue;
    }
    if (key == "layers" && item.is_array()) {
      Json layers = Json::array();
      for (const Json& layer : item) {
        layers.push_back(legacy_model_config(layer, /*layer_record=*/true));
      }
      out[key] = std::move(layers);
    } else {
      out[key] = legacy_model_config(item);
    }
  }
  return out;
}

// Legacy serialization of compile arguments: records without module and
// registered_name.
Json legacy_records(const Json& value) {
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) out.push_back(legacy_records(item));
    return out;
  }
  if (!value.is_object()) return value;
  const bool record = value.contains("class_name") && value.contains("config");
  Json out = Json::object();
  for (const auto& [key, item] : value.items()) {
    if (record && (key == "module" || key == "registered_name")) continue;
    out[key] = legacy_records(item);
  }
  return out;
}

// HDF5 object headers (where attributes live) hold at most 64 KiB.
constexpr std::size_t kHdf5ObjectHeaderLimit = 64512;

}  // namespace

void save_attributes_to_hdf5_group(H5File& file, const std::string& group,
                                   const std::string& name,
                                   const std::vector<std::string>& data) {
  // Keras sizes the list as a NumPy bytes array: every item takes the
  // length of the longest.
  std::size_t itemsize = 0;
  std::string too_large;
  for (const std::string& item : data) {
    itemsize = std::max(itemsize, item.size());
    if (item.size() > kHdf5ObjectHeaderLimit) {
      too_large += (too_large.empty() ? "'" : ", '") + item + "'";
    }
  }
  if (!too_large.empty()) {
    throw ValueError(
        str("The following attributes cannot be saved to HDF5 "
            "file because they are larger than ",
            kHdf5ObjectHeaderLimit, " bytes: [", too_large, "]"));
  }
  // np.array_split into the fewest near-equal chunks under the limit (the
  // first n % chunks chunks hold one item more).
  const std::size_t n = data.size();
  std::size_t chunks = 1;
  while (itemsize * ((n + chunks - 1) / chunks) > kHdf5ObjectHeaderLimit) {
    ++chunks;
  }
  if (chunks == 1) {
    file.write_string_array_attribute(group, name, data);
    return;
  }
  std::size_t begin = 0;
  for (std::size_t c = 0; c < chunks; ++c) {
    const std::size_t size = n / chunks + (c < n % chunks ? 1 : 0);
    const std::vector<std::string> part(data.begin() + begin,
                                        data.begin() + begin + size);
    file.write_fixed_string_array_attribute(group, name + std::to_string(c),
                                            part, itemsize);
    begin += size;
  }
}

namespace {

std::vector<std::string> variable_paths(const Variables& variables) {
  std::vector<std::string> names;
  for (const auto& v : variables) names.push_back(v->path());
  return names;
}

void save_subset_weights(H5File& file, const std::string& group,
                         const Variables& variables) {
  file.create_group(group);
  save_attributes_to_hdf5_group(file, group, "weight_names",
                                variable_paths(variables));
  for (const auto& v : variables) {
    file.write_dataset(group + "/" + v->path(), v->value());
  }
}

}  // namespace

void save_model_to_hdf5(const Model& model, const std::string& path,
                        bool include_optimizer,
                        const std::string& keras_version,
                        const Json& model_record) {
  H5File file = H5File::create_in_memory(path);
  const std::string version = keras_version.empty()
                                  ? keras::saving::kKerasFormatVersion
                                  : keras_version;
  const Json record = model_record.is_null() ? model.serialize() : model_record;
  const Json model_config = {{"class_name", record["class_name"]},
                             {"config", legacy_model_config(record["config"])}};
  file.write_string_attribute("/", "keras_version", version);
  file.write_string_attribute("/", "backend", kBackendName);
  file.write_bytes_attribute("/", "model_config", dump_json(model_config));
  const auto& optimizer = model.compiled() ? model.optimizer() : nullptr;
  if (include_optimizer && optimizer) {
    Json training = Json::object();
    const Json compile_config = model.get_compile_config();
    for (const auto& [key, item] : compile_config.items()) {
      if (key != "optimizer") training[key] = legacy_records(item);
    }
    training["optimizer_config"] = {{"class_name", optimizer->class_name()},
                                    {"config", optimizer->get_config()}};
    if (!keras_version.empty()) {
      training = keras::saving::config_for_keras_minor(
          training, keras::saving::target_keras_minor(keras_version));
    }
    file.write_bytes_attribute("/", "training_config", dump_json(training));
  }

  // model_weights: one group per layer (created in name order, as Keras
  // does to keep group names growing), layer_names in model order.
  const std::string weights = "model_weights";
  file.create_group(weights);
  std::vector<LayerPtr> layers = model.layers();
  std::vector<std::string> layer_names;
  for (const LayerPtr& layer : layers) layer_names.push_back(layer->name());
  save_attributes_to_hdf5_group(file, weights, "layer_names", layer_names);
  file.write_bytes_attribute(weights, "backend", kBackendName);
  file.write_bytes_attribute(weights, "keras_version", version);
  std::stable_sort(layers.begin(), layers.end(),
                   [](const LayerPtr& a, const LayerPtr& b) {
                     return a->name() < b->name();
                   });
  for (const LayerPtr& layer : layers) {
    save_subset_weights(file, weights + "/" + layer->name(),
                        legacy_weights(*layer));
  }
  save_subset_weights(file, weights + "/top_level_model_weights",
                      model.own_variables());

  if (include_optimizer && optimizer && !optimizer->variables().empty()) {
    save_subset_weights(file, "optimizer_weights", optimizer->variables());
  }
  write_file_atomic(path, file.file_image());
}

}  // namespace keras::legacy::saving
