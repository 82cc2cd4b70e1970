#include "keras/saving/file_editor.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "keras/backend/dtype.h"
#include "keras/legacy/saving/legacy_h5_format.h"
#include "keras/models/model.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/keras_version_compat.h"
#include "keras/saving/saving_lib.h"
#include "keras/saving/weights_store.h"
#include "keras/saving/zip_archive.h"
#include "keras/utils/file_utils.h"
#include "keras/utils/json_utils.h"
#include "keras/utils/npy.h"

namespace keras::saving {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxJsonBytes = std::size_t{64} << 20;

std::vector<std::string> split_group_path(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  for (std::string part; std::getline(in, part, '/');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

std::string strip_slashes(std::string path) {
  while (!path.empty() && path.front() == '/') path.erase(path.begin());
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

bool is_under(const std::string& group, const std::string& prefix) {
  return group == prefix || (group.size() > prefix.size() &&
                             group.compare(0, prefix.size(), prefix) == 0 &&
                             group[prefix.size()] == '/');
}

// ---- reading Keras 3 HDF5 weights into objects ----

void walk_h5(const H5File& file, const std::string& group,
             std::vector<WeightsObject>& out) {
  WeightsObject object{group, std::nullopt, {}};
  std::vector<std::string> datasets;
  std::vector<std::string> groups;
  for (const std::string& child : file.children(group.empty() ? "/" : group)) {
    const std::string path = group.empty() ? child : group + "/" + child;
    (file.is_dataset(path) ? datasets : groups).push_back(child);
  }
  sort_dataset_names(datasets);
  if (!group.empty()) object.name = file.read_string_attribute(group, "name");
  const bool is_vars = group == "vars" || group.ends_with("/vars");
  if (!datasets.empty() || is_vars || object.name) {
    for (const std::string& key : datasets) {
      object.weights.emplace_back(key, file.read_dataset(group + "/" + key));
    }
    out.push_back(std::move(object));
  }
  for (const std::string& child : groups) {
    walk_h5(file, group.empty() ? child : group + "/" + child, out);
  }
}

// Keras' traversal saves the model's own "vars" first.
void root_vars_first(std::vector<WeightsObject>& objects) {
  std::stable_partition(
      objects.begin(), objects.end(),
      [](const WeightsObject& o) { return o.group == "vars"; });
}

std::vector<WeightsObject> read_weights_h5(const H5File& file) {
  std::vector<WeightsObject> objects;
  walk_h5(file, "", objects);
  root_vars_first(objects);
  return objects;
}

// Merges the shards in index order: a group split over shards becomes one
// object (its name from the shard that has the attribute).
std::vector<WeightsObject> read_sharded(const ShardedWeightsReader& reader) {
  std::vector<WeightsObject> objects;
  std::map<std::string, std::size_t> at;
  for (const std::string& shard : reader.shard_names()) {
    std::vector<WeightsObject> part;
    walk_h5(reader.shard(shard), "", part);
    for (WeightsObject& object : part) {
      auto it = at.find(object.group);
      if (it == at.end()) {
        at[object.group] = objects.size();
        objects.push_back(std::move(object));
        continue;
      }
      WeightsObject& merged = objects[it->second];
      if (!merged.name) merged.name = object.name;
      for (auto& w : object.weights) merged.weights.push_back(std::move(w));
    }
  }
  for (WeightsObject& object : objects) {
    std::stable_sort(object.weights.begin(), object.weights.end(),
                     [](const auto& a, const auto& b) {
                       std::vector<std::string> v{a.first, b.first};
                       sort_dataset_names(v);
                       return a.first != b.first && v[0] == a.first;
                     });
  }
  root_vars_first(objects);
  return objects;
}

// Legacy files: one object per saved layer (layer_names order), keyed by
// weight_names, then top-level and optimizer weights.
std::vector<WeightsObject> read_legacy(const H5File& file) {
  std::vector<WeightsObject> objects;
  const std::string root =
      file.is_group("model_weights") ? "model_weights" : "";
  auto add = [&](const std::string& group) {
    WeightsObject object{group, std::nullopt, {}};
    for (const std::string& name :
         legacy::saving::load_attributes_from_hdf5_group(file, group,
                                                         "weight_names")) {
      object.weights.emplace_back(name, file.read_dataset(group + "/" + name));
    }
    objects.push_back(std::move(object));
  };
  auto join = [&](const std::string& name) {
    return root.empty() ? name : root + "/" + name;
  };
  for (const std::string& layer :
       legacy::saving::load_attributes_from_hdf5_group(file, root,
                                                       "layer_names")) {
    if (file.is_group(join(layer))) add(join(layer));
  }
  if (file.is_group(join("top_level_model_weights"))) {
    add(join("top_level_model_weights"));
  }
  if (file.is_group("optimizer_weights")) add("optimizer_weights");
  return objects;
}

bool is_legacy_h5(const H5File& file) {
  return file.has_attribute("/", "model_config") ||
         file.has_attribute("/", "layer_names") ||
         file.is_group("model_weights");
}

// A reader over edited objects, for loading them into a model.
class ObjectsReader : public WeightsReader {
 public:
  explicit ObjectsReader(const std::vector<WeightsObject>& objects)
      : objects_(objects) {}
  std::vector<std::string> keys(const std::string& vars_path) const override {
    std::vector<std::string> out;
    if (const WeightsObject* o = find(vars_path)) {
      for (const auto& w : o->weights) out.push_back(w.first);
    }
    return out;
  }
  Tensor read(const std::string& vars_path,
              const std::string& key) const override {
    if (const WeightsObject* o = find(vars_path)) {
      for (const auto& w : o->weights) {
        if (w.first == key) return w.second;
      }
    }
    throw ValueError(str("missing weight ", vars_path, "/", key));
  }

 private:
  const WeightsObject* find(const std::string& group) const {
    for (const WeightsObject& o : objects_) {
      if (o.group == group) return &o;
    }
    return nullptr;
  }
  const std::vector<WeightsObject>& objects_;
};

void write_objects(const std::vector<WeightsObject>& objects,
                   WeightsWriter& out) {
  for (const WeightsObject& object : objects) {
    out.make(object.group, object.name);
    for (const auto& [key, value] : object.weights) {
      out.write(object.group, key, value);
    }
  }
}

std::string objects_to_h5_bytes(const std::vector<WeightsObject>& objects) {
  H5WeightsWriter out;
  write_objects(objects, out);
  return out.bytes();
}

std::string dims(const Shape& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(shape[i]);
  }
  return s + (shape.size() == 1 ? ",)" : ")");
}

std::string short_number(double v) {
  std::ostringstream s;
  s << std::setprecision(6) << v;
  return s.str();
}

}  // namespace

// ---- formats ----

std::string format_name(FileFormat format) {
  switch (format) {
    case FileFormat::keras_zip:
      return "keras";
    case FileFormat::directory:
      return "directory";
    case FileFormat::weights_h5:
      return "weights.h5";
    case FileFormat::weights_sharded:
      return "weights.json";
    case FileFormat::legacy_h5:
      return "legacy h5";
    case FileFormat::config_json:
      return "config json";
  }
  return "?";
}

FileFormat detect_format(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw FileError(str("File not found: ", path));
  if (fs::is_directory(path, ec)) {
    if (!fs::exists(fs::path(path) / "config.json", ec)) {
      throw FormatError(str("Directory ", path,
                            " is not a saved Keras model: it has no "
                            "config.json."));
    }
    return FileFormat::directory;
  }
  if (path.ends_with(".weights.json")) return FileFormat::weights_sharded;
  if (legacy::saving::is_hdf5_file(path)) {
    return is_legacy_h5(H5File::open(path)) ? FileFormat::legacy_h5
                                            : FileFormat::weights_h5;
  }
  if (path.ends_with(".json")) return FileFormat::config_json;
  if (path.ends_with(".h5") || path.ends_with(".hdf5")) {
    throw FormatError(str(path,
                          " is not an HDF5 file (it does not start with the "
                          "HDF5 signature)."));
  }
  return FileFormat::keras_zip;  // ZipReader says what is wrong otherwise
}

FileFormat output_format_for(const std::string& path) {
  if (path.ends_with(".keras")) return FileFormat::keras_zip;
  if (path.ends_with(".weights.h5")) return FileFormat::weights_h5;
  if (path.ends_with(".weights.json")) return FileFormat::weights_sharded;
  if (path.ends_with(".h5") || path.ends_with(".hdf5")) {
    return FileFormat::legacy_h5;
  }
  const std::string stem = strip_slashes(path);
  if (!stem.empty() && fs::path(stem).extension().empty()) {
    return FileFormat::directory;
  }
  throw ValueError(
      str("Cannot tell the output format from '", path,
          "': use x.keras (zip), x.weights.h5 (weights), x.weights.json "
          "(sharded weights), x.h5 (legacy full model) or a path without "
          "suffix (directory)."));
}

// ---- reading ----

KerasFileEditor::KerasFileEditor(const std::string& path,
                                 const std::string& weights_path)
    : path_(path), format_(detect_format(path)) {
  switch (format_) {
    case FileFormat::keras_zip: {
      ZipReader zip(path);
      if (!zip.contains("config.json")) {
        throw FormatError(str(path,
                              " is not a valid .keras file: the archive has "
                              "no config.json."));
      }
      config_ = parse_json(zip.read("config.json"), path + " (config.json)");
      if (zip.contains("metadata.json")) {
        metadata_ =
            parse_json(zip.read("metadata.json"), path + " (metadata.json)");
      }
      if (!zip.contains("model.weights.h5")) {
        throw FormatError(str(path,
                              " is not a valid .keras file: expected a "
                              "model.weights.h5 file in the archive."));
      }
      const std::string bytes = zip.read("model.weights.h5");
      objects_ = read_weights_h5(
          H5File::open_image(bytes, path + " (model.weights.h5)"));
      break;
    }
    case FileFormat::directory: {
      const fs::path dir(path);
      config_ =
          parse_json(read_file((dir / "config.json").string(), kMaxJsonBytes),
                     (dir / "config.json").string());
      if (fs::exists(dir / "metadata.json")) {
        metadata_ = parse_json(
            read_file((dir / "metadata.json").string(), kMaxJsonBytes),
            (dir / "metadata.json").string());
      }
      if (!fs::exists(dir / "model.weights.h5")) {
        throw FormatError(str(path, ": expected a model.weights.h5 file."));
      }
      objects_ =
          read_weights_h5(H5File::open((dir / "model.weights.h5").string()));
      break;
    }
    case FileFormat::weights_h5:
      objects_ = read_weights_h5(H5File::open(path));
      break;
    case FileFormat::weights_sharded: {
      ShardedWeightsReader reader(path);
      shards_ = reader.shard_names();
      objects_ = read_sharded(reader);
      break;
    }
    case FileFormat::legacy_h5: {
      const H5File file = H5File::open(path);
      if (auto text = file.read_string_attribute("/", "model_config")) {
        config_ = parse_json(*text, path + " (model_config)");
      }
      Json metadata = Json::object();
      for (const char* key : {"keras_version", "backend"}) {
        if (auto v = file.read_string_attribute("/", key)) metadata[key] = *v;
      }
      if (!metadata.empty()) metadata_ = metadata;
      objects_ = read_legacy(file);
      break;
    }
    case FileFormat::config_json:
      config_ = parse_json(read_file(path, kMaxJsonBytes), path);
      break;
  }
  if (!weights_path.empty()) {
    if (format_ != FileFormat::config_json) {
      throw ValueError(
          str("--weights applies to a config JSON input "
              "(model.json); ",
              path, " already holds weights."));
    }
    const FileFormat wf = detect_format(weights_path);
    if (wf == FileFormat::weights_h5) {
      objects_ = read_weights_h5(H5File::open(weights_path));
    } else if (wf == FileFormat::weights_sharded) {
      ShardedWeightsReader reader(weights_path);
      shards_ = reader.shard_names();
      objects_ = read_sharded(reader);
    } else {
      throw ValueError(
          str("--weights must name a .weights.h5 or "
              ".weights.json file. Received: ",
              weights_path));
    }
  }
}

// ---- editing ----

std::string KerasFileEditor::resolve_object(const std::string& object) const {
  const std::string path = strip_slashes(object);
  if (path.empty()) throw ValueError("An object path cannot be empty.");
  if (path.find('/') != std::string::npos) {
    for (const WeightsObject& o : objects_) {
      if (is_under(o.group, path)) return path;
    }
    throw ValueError(str("Path '", object, "' not found in the file."));
  }
  // A bare name: the unique path prefix ending in that component.
  std::set<std::string> prefixes;
  for (const WeightsObject& o : objects_) {
    const std::vector<std::string> parts = split_group_path(o.group);
    std::string prefix;
    for (const std::string& part : parts) {
      prefix += (prefix.empty() ? "" : "/") + part;
      if (part == path) prefixes.insert(prefix);
    }
  }
  if (prefixes.size() > 1) {
    throw ValueError(str("Name '", object,
                         "' occurs more than once in the file; try passing "
                         "a complete path"));
  }
  if (prefixes.empty()) {
    throw ValueError(str("Source name '", object,
                         "' does not appear in the file. Use `keras-cpp "
                         "inspect` to list all objects."));
  }
  return *prefixes.begin();
}

WeightsObject* KerasFileEditor::find_group(const std::string& group) {
  for (WeightsObject& o : objects_) {
    if (o.group == group) return &o;
  }
  return nullptr;
}

std::pair<WeightsObject*, std::size_t> KerasFileEditor::find_weight(
    const std::string& path) {
  const std::string p = strip_slashes(path);
  for (WeightsObject& o : objects_) {
    if (p.size() <= o.group.size() + 1 || !is_under(p, o.group)) continue;
    const std::string key = p.substr(o.group.size() + 1);
    for (std::size_t i = 0; i < o.weights.size(); ++i) {
      if (o.weights[i].first == key) return {&o, i};
    }
  }
  return {nullptr, 0};
}

void KerasFileEditor::rename_object(const std::string& object,
                                    const std::string& new_name) {
  edited_ = true;
  if (new_name.empty() || new_name.find('/') != std::string::npos) {
    throw ValueError(
        str("Argument `target_name` should be a leaf name, not a full path "
            "name. Received: target_name='",
            new_name, "'"));
  }
  const std::string from = resolve_object(object);
  const std::size_t slash = from.rfind('/');
  const std::string to =
      (slash == std::string::npos ? "" : from.substr(0, slash + 1)) + new_name;
  for (const WeightsObject& o : objects_) {
    if (is_under(o.group, to)) {
      throw ValueError(str("Cannot rename '", from, "' to '", to,
                           "': that path already exists in the file."));
    }
  }
  for (WeightsObject& o : objects_) {
    if (is_under(o.group, from)) o.group = to + o.group.substr(from.size());
  }
}

void KerasFileEditor::delete_object(const std::string& object) {
  edited_ = true;
  const std::string path = resolve_object(object);
  std::erase_if(objects_, [&](const WeightsObject& o) {
    return is_under(o.group, path);
  });
}

void KerasFileEditor::delete_weight(const std::string& object,
                                    const std::string& key) {
  edited_ = true;
  const std::string path = resolve_object(object);
  WeightsObject* o = find_group(path);
  if (!o) o = find_group(path + "/vars");
  if (!o) throw ValueError(str("'", object, "' holds no weights."));
  auto it = std::find_if(o->weights.begin(), o->weights.end(),
                         [&](const auto& w) { return w.first == key; });
  if (it == o->weights.end()) {
    std::string found;
    for (const auto& w : o->weights) {
      found += (found.empty() ? "'" : ", '") + w.first + "'";
    }
    throw ValueError(str("Weight ", key, " not found in object ", object,
                         ". Weights found: [", found, "]"));
  }
  o->weights.erase(it);
}

void KerasFileEditor::add_object(
    const std::string& object_path,
    std::vector<std::pair<std::string, Tensor>> weights) {
  edited_ = true;
  std::string group = strip_slashes(object_path);
  if (format_ != FileFormat::legacy_h5 && group != "vars" &&
      !group.ends_with("/vars")) {
    group += "/vars";
  }
  if (find_group(group)) {
    throw ValueError(str("Object '", object_path, "' already exists."));
  }
  const std::vector<std::string> parts = split_group_path(group);
  std::optional<std::string> name;
  if (parts.size() >= 2 && parts.back() == "vars")
    name = parts[parts.size() - 2];
  objects_.push_back({group, name, std::move(weights)});
}

void KerasFileEditor::add_weights(
    const std::string& object,
    std::vector<std::pair<std::string, Tensor>> weights) {
  edited_ = true;
  const std::string path = resolve_object(object);
  WeightsObject* o = find_group(path);
  if (!o) o = find_group(path + "/vars");
  if (!o) throw ValueError(str("'", object, "' is not a weights object."));
  for (auto& [key, value] : weights) {
    auto it =
        std::find_if(o->weights.begin(), o->weights.end(),
                     [&key = key](const auto& w) { return w.first == key; });
    if (it != o->weights.end()) {
      it->second = value;
    } else {
      o->weights.emplace_back(key, value);
    }
  }
}

void KerasFileEditor::delete_path(const std::string& path) {
  edited_ = true;
  auto [object, index] = find_weight(path);
  if (object) {
    object->weights.erase(object->weights.begin() +
                          static_cast<std::ptrdiff_t>(index));
    return;
  }
  delete_object(path);
}

void KerasFileEditor::set_weight(const std::string& weight_path,
                                 const Tensor& value) {
  edited_ = true;
  auto [object, index] = find_weight(weight_path);
  if (!object) {
    throw ValueError(str("No weight at '", weight_path,
                         "' (a weight path looks like layers/dense/vars/0; "
                         "use `keras-cpp inspect` to list them)."));
  }
  Tensor& current = object->weights[index].second;
  if (current.shape() != value.shape()) {
    throw ValueError(str("Shape mismatch for ", strip_slashes(weight_path),
                         ": the file holds shape ", shape_str(current.shape()),
                         ", the new value has shape ", shape_str(value.shape()),
                         "."));
  }
  current = value.astype(current.dtype());
}

// ---- writing ----

std::shared_ptr<Model> KerasFileEditor::build_model(
    const CustomObjects* custom_objects, bool compile,
    bool skip_mismatch) const {
  if (config_.is_null()) {
    throw ValueError(str(path_,
                         " holds only weights: a model needs a config "
                         "(give a model.json with --weights)."));
  }
  if (format_ == FileFormat::legacy_h5) {
    // The legacy loader converts old configs and matches weights by order.
    return legacy::saving::load_model_from_hdf5(
        path_, {.compile = compile, .custom_objects = custom_objects});
  }
  auto model = model_from_record(config_, path_, custom_objects, compile);
  load_weights_from(*model, ObjectsReader(objects_), path_, skip_mismatch);
  return model;
}

void KerasFileEditor::save(const std::string& out,
                           const SaveFileOptions& options) const {
  const FileFormat target = output_format_for(out);
  if (options.max_shard_size && target != FileFormat::weights_sharded) {
    throw ValueError(
        str("--max-shard-size applies to a .weights.json output. "
            "Received: ",
            out));
  }
  if (target == FileFormat::legacy_h5) {
    auto model = build_model(options.custom_objects, /*compile=*/false);
    legacy::saving::save_model_to_hdf5(*model, out);
    return;
  }
  if (format_ == FileFormat::legacy_h5) {
    // Legacy groups are not Keras 3 weight paths: rebuild through a model.
    save_model_as(*build_model(options.custom_objects, false), out,
                  options.max_shard_size);
    return;
  }
  const bool needs_config =
      target == FileFormat::keras_zip || target == FileFormat::directory;
  if (needs_config && config_.is_null()) {
    throw ValueError(str("Cannot write ", out, " from ", path_,
                         ": it holds only weights, and a ", format_name(target),
                         " file needs the model config (convert a "
                         "model.json with --weights)."));
  }
  switch (target) {
    case FileFormat::weights_h5:
      write_file_atomic(out, objects_to_h5_bytes(objects_));
      return;
    case FileFormat::weights_sharded: {
      ShardedWeightsWriter writer(out, options.max_shard_size.value_or(5.0));
      write_objects(objects_, writer);
      writer.finish();
      return;
    }
    default:
      break;
  }
  const std::string metadata =
      metadata_.is_object() && metadata_.contains("date_saved")
          ? dump_json(metadata_)
          : metadata_json();
  const std::string config = dump_json(config_);
  std::string weights = objects_to_h5_bytes(objects_);
  if (target == FileFormat::keras_zip) {
    ZipWriter zip(out);
    zip.add("metadata.json", metadata);
    zip.add("config.json", config);
    zip.add("model.weights.h5", std::move(weights));
    zip.close();
    return;
  }
  fs::create_directories(out);
  write_file_atomic((fs::path(out) / "metadata.json").string(), metadata);
  write_file_atomic((fs::path(out) / "config.json").string(), config);
  write_file_atomic((fs::path(out) / "model.weights.h5").string(), weights);
}

namespace {
// A target release concerns the files that hold a config.
void check_keras_version_target(FileFormat target, const std::string& out,
                                const std::string& keras_version) {
  if (keras_version.empty()) return;
  if (target != FileFormat::keras_zip && target != FileFormat::directory &&
      target != FileFormat::legacy_h5) {
    throw ValueError(
        str("--keras-version applies to a .keras, directory or legacy .h5 "
            "output (files with a config). Received: ",
            out));
  }
  target_keras_minor(keras_version);  // a ValueError names the bad version
}
}  // namespace

void save_model_as(const Model& model, const std::string& out,
                   std::optional<double> max_shard_size,
                   const std::string& keras_version) {
  const FileFormat target = output_format_for(out);
  if (max_shard_size && target != FileFormat::weights_sharded) {
    throw ValueError(
        str("--max-shard-size applies to a .weights.json output. "
            "Received: ",
            out));
  }
  check_keras_version_target(target, out, keras_version);
  switch (target) {
    case FileFormat::keras_zip:
    case FileFormat::legacy_h5:
      save_model(model, out, {.keras_version = keras_version});
      return;
    case FileFormat::directory:
      save_model(model, out, {.zipped = false, .keras_version = keras_version});
      return;
    case FileFormat::weights_h5:
      save_weights(model, out);
      return;
    case FileFormat::weights_sharded:
      save_weights(model, out,
                   {.max_shard_size = max_shard_size.value_or(5.0)});
      return;
    case FileFormat::config_json:
      break;
  }
  throw ValueError(str("Cannot write ", out));
}

void convert_file(const std::string& in, const std::string& out,
                  const ConvertOptions& options) {
  const bool config_in = detect_format(in) == FileFormat::config_json;
  if (config_in && options.weights.empty()) {
    throw ValueError(str(in,
                         " is a model config without weights: give the "
                         "weights with --weights x.weights.h5 (or "
                         ".weights.json)."));
  }
  if (!config_in && (options.skip_mismatch || options.by_name)) {
    throw ValueError(
        str("--skip-mismatch and --by-name apply to a config "
            "JSON input with --weights; ",
            in, " already holds its weights."));
  }
  const FileFormat weights_format =
      config_in ? detect_format(options.weights) : FileFormat::config_json;
  if (weights_format == FileFormat::legacy_h5 ||
      weights_format == FileFormat::keras_zip) {
    // Legacy weights match layers by position or name, not by Keras 3
    // paths: load them into the model as model.load_weights does.
    const KerasFileEditor config(in);
    auto model = model_from_record(config.config(), in, options.custom_objects,
                                   /*compile=*/true);
    load_weights(
        *model, options.weights,
        {.skip_mismatch = options.skip_mismatch, .by_name = options.by_name});
    save_model_as(*model, out, options.max_shard_size, options.keras_version);
    return;
  }
  if (options.by_name) {
    throw ValueError(
        str("`by_name` only supports loading legacy '.h5' or '.hdf5' files. "
            "Received: ",
            options.weights));
  }
  KerasFileEditor editor(in, options.weights);
  if (editor.config().is_null()) {
    check_keras_version_target(output_format_for(out), out,
                               options.keras_version);
    editor.save(out, {.max_shard_size = options.max_shard_size,
                      .custom_objects = options.custom_objects});
    return;
  }
  save_model_as(*editor.build_model(options.custom_objects, /*compile=*/true,
                                    options.skip_mismatch),
                out, options.max_shard_size, options.keras_version);
}

// ---- inspect ----

namespace {

struct Totals {
  std::size_t variables = 0;
  double values = 0;
  double bytes = 0;
};

Totals totals(const std::vector<WeightsObject>& objects) {
  Totals t;
  for (const WeightsObject& o : objects) {
    for (const auto& w : o.weights) {
      ++t.variables;
      t.values += static_cast<double>(w.second.size());
      t.bytes += weight_bytes(w.second);
    }
  }
  return t;
}

// Layer class/name pairs of a model config (top level).
std::vector<std::pair<std::string, std::string>> config_layers(
    const Json& config) {
  std::vector<std::pair<std::string, std::string>> out;
  const Json& inner = config.is_object() && config.contains("config")
                          ? config["config"]
                          : config;
  if (!inner.is_object() || !inner.contains("layers") ||
      !inner["layers"].is_array()) {
    return out;
  }
  for (const Json& layer : inner["layers"]) {
    std::string cls = layer.value("class_name", std::string("?"));
    std::string name;
    if (layer.contains("config") && layer["config"].is_object() &&
        layer["config"].contains("name") &&
        layer["config"]["name"].is_string()) {
      name = layer["config"]["name"].get<std::string>();
    }
    out.emplace_back(cls, name);
  }
  return out;
}

std::string config_model_name(const Json& config) {
  if (config.is_object() && config.contains("config") &&
      config["config"].is_object() && config["config"].contains("name") &&
      config["config"]["name"].is_string()) {
    return config["config"]["name"].get<std::string>();
  }
  return "";
}

}  // namespace

void KerasFileEditor::print_summary(std::ostream& out) const {
  out << "File: " << path_ << "\n";
  out << "Format: " << format_name(format_);
  if (!shards_.empty()) out << " (" << shards_.size() << " shards)";
  out << "\n";
  if (metadata_.is_object()) {
    out << "Saved with: Keras " << metadata_.value("keras_version", "?");
    if (metadata_.contains("date_saved")) {
      out << " - date: " << metadata_.value("date_saved", "");
    }
    if (metadata_.contains("backend")) {
      out << " - backend: " << metadata_.value("backend", "");
    }
    out << "\n";
  }
  if (config_.is_object()) {
    const auto layers = config_layers(config_);
    out << "Model: " << config_.value("class_name", "?") << " '"
        << config_model_name(config_) << "' with " << layers.size()
        << " layers\n";
    for (const auto& [cls, name] : layers) {
      out << "  " << name << " (" << cls << ")\n";
    }
    if (config_.contains("compile_config") &&
        config_["compile_config"].is_object() &&
        !config_["compile_config"].empty()) {
      out << "Compiled: yes\n";
    }
  }
  const Totals t = totals(objects_);
  out << "Weights: " << t.variables << " variables in " << objects_.size()
      << " objects, " << static_cast<std::int64_t>(t.values) << " values ("
      << readable_bytes(t.bytes) << ")\n";
  for (const WeightsObject& o : objects_) {
    out << o.group;
    if (o.name) out << " ('" << *o.name << "')";
    out << "\n";
    for (const auto& [key, value] : o.weights) {
      out << "  " << key << ": shape=" << dims(value.shape())
          << ", dtype=" << dtype_name(value.dtype()) << "\n";
    }
  }
}

Json KerasFileEditor::summary_json() const {
  Json j = Json::object();
  j["file"] = path_;
  j["format"] = format_name(format_);
  j["shards"] = shards_;
  j["metadata"] = metadata_;
  if (config_.is_object()) {
    Json layers = Json::array();
    for (const auto& [cls, name] : config_layers(config_)) {
      layers.push_back({{"class_name", cls}, {"name", name}});
    }
    j["model"] = {{"class_name", config_.value("class_name", "")},
                  {"name", config_model_name(config_)},
                  {"layers", layers}};
  } else {
    j["model"] = nullptr;
  }
  j["config"] = config_;
  Json objects = Json::array();
  for (const WeightsObject& o : objects_) {
    Json weights = Json::array();
    for (const auto& [key, value] : o.weights) {
      weights.push_back({{"key", key},
                         {"path", o.group + "/" + key},
                         {"shape", value.shape()},
                         {"dtype", std::string(dtype_name(value.dtype()))}});
    }
    objects.push_back({{"path", o.group},
                       {"name", o.name ? Json(*o.name) : Json(nullptr)},
                       {"weights", weights}});
  }
  j["objects"] = objects;
  const Totals t = totals(objects_);
  j["totals"] = {{"variables", t.variables},
                 {"values", static_cast<std::int64_t>(t.values)},
                 {"bytes", static_cast<std::int64_t>(t.bytes)}};
  return j;
}

// ---- diff ----

namespace {

void diff_json(const Json& a, const Json& b, const std::string& where,
               std::vector<std::string>& out) {
  if (a.type() != b.type() && !(a.is_number() && b.is_number())) {
    out.push_back(str(where, ": ", dump_json(a), " != ", dump_json(b)));
    return;
  }
  if (a.is_object()) {
    for (const auto& [key, value] : a.items()) {
      const std::string at = where + "." + key;
      if (!b.contains(key)) {
        out.push_back(str(at, ": only in A"));
      } else {
        diff_json(value, b[key], at, out);
      }
    }
    for (const auto& [key, value] : b.items()) {
      if (!a.contains(key)) out.push_back(str(where, ".", key, ": only in B"));
    }
    return;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) {
      out.push_back(str(where, ": ", a.size(), " items != ", b.size()));
    }
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
      diff_json(a[i], b[i], str(where, "[", i, "]"), out);
    }
    return;
  }
  if (a != b)
    out.push_back(str(where, ": ", dump_json(a), " != ", dump_json(b)));
}

double max_abs_error(const Tensor& a, const Tensor& b) {
  const Tensor x = a.astype(DType::float64);
  const Tensor y = b.astype(DType::float64);
  const double* p = x.data<double>();
  const double* q = y.data<double>();
  double worst = 0;
  for (std::int64_t i = 0; i < x.size(); ++i) {
    const double d = std::fabs(p[i] - q[i]);
    if (std::isnan(d)) return d;
    worst = std::max(worst, d);
  }
  return worst;
}

}  // namespace

bool diff_files(const KerasFileEditor& a, const KerasFileEditor& b,
                std::ostream& out) {
  bool differ = false;
  out << "A: " << a.filepath() << " (" << format_name(a.format()) << ")\n";
  out << "B: " << b.filepath() << " (" << format_name(b.format()) << ")\n";
  if (a.config().is_null() && b.config().is_null()) {
    out << "config: none in either file\n";
  } else if (a.config().is_null() || b.config().is_null()) {
    out << "config: only in " << (a.config().is_null() ? "B" : "A") << "\n";
    differ = true;
  } else {
    std::vector<std::string> lines;
    diff_json(a.config(), b.config(), "config", lines);
    if (lines.empty()) {
      out << "config: identical\n";
    } else {
      differ = true;
      out << "config: " << lines.size() << " difference"
          << (lines.size() == 1 ? "" : "s") << "\n";
      for (const std::string& line : lines) out << "  " << line << "\n";
    }
  }
  std::map<std::string, const Tensor*> in_b;
  for (const WeightsObject& o : b.objects()) {
    for (const auto& [key, value] : o.weights) {
      in_b[o.group + "/" + key] = &value;
    }
  }
  std::size_t compared = 0, different = 0;
  std::set<std::string> seen;
  out << "weights:\n";
  for (const WeightsObject& o : a.objects()) {
    for (const auto& [key, value] : o.weights) {
      const std::string path = o.group + "/" + key;
      seen.insert(path);
      auto it = in_b.find(path);
      if (it == in_b.end()) {
        out << "  " << path << ": only in A\n";
        ++different;
        continue;
      }
      const Tensor& other = *it->second;
      ++compared;
      if (value.shape() != other.shape()) {
        out << "  " << path << ": shape " << dims(value.shape())
            << " != " << dims(other.shape()) << "\n";
        ++different;
        continue;
      }
      const double err = max_abs_error(value, other);
      const bool same_dtype = value.dtype() == other.dtype();
      out << "  " << path << ": max abs error " << short_number(err);
      if (!same_dtype) {
        out << " (dtype " << dtype_name(value.dtype())
            << " != " << dtype_name(other.dtype()) << ")";
      }
      out << "\n";
      if (err != 0 || !same_dtype) ++different;
    }
  }
  for (const auto& [path, value] : in_b) {
    if (!seen.count(path)) {
      out << "  " << path << ": only in B\n";
      ++different;
    }
  }
  out << "summary: " << compared << " variables compared, " << different
      << " differ" << (different || differ ? "" : "; files match") << "\n";
  return differ || different > 0;
}

// ---- verify ----

bool verify_model(Model& model, const std::string& inputs_dir,
                  const std::string& expected_dir, const VerifyOptions& options,
                  std::ostream& out) {
  Tensors xs;
  const std::size_t n_inputs = std::max<std::size_t>(model.inputs().size(), 1);
  for (std::size_t i = 0; i < n_inputs; ++i) {
    xs.push_back(load_npy(
        (fs::path(inputs_dir) / ("input_" + std::to_string(i) + ".npy"))
            .string()));
  }
  const Tensors ys = model.predict(xs, {.batch_size = options.batch_size});
  const std::vector<std::string> names = model.output_names();
  bool ok = true;
  for (std::size_t k = 0; k < ys.size(); ++k) {
    const std::string file =
        (fs::path(expected_dir) / ("expected_" + std::to_string(k) + ".npy"))
            .string();
    const Tensor expected = load_npy(file);
    out << "output " << k;
    if (k < names.size()) out << " (" << names[k] << ")";
    out << ": ";
    if (expected.shape() != ys[k].shape()) {
      out << "shape " << dims(ys[k].shape()) << " != expected "
          << dims(expected.shape()) << "  MISMATCH\n";
      ok = false;
      continue;
    }
    const Tensor a = ys[k].astype(DType::float64);
    const Tensor e = expected.astype(DType::float64);
    const double* p = a.data<double>();
    const double* q = e.data<double>();
    double max_abs = 0, max_rel = 0;
    std::int64_t bad = 0;
    for (std::int64_t i = 0; i < a.size(); ++i) {
      const double d = std::fabs(p[i] - q[i]);
      if (!(d <= options.atol + options.rtol * std::fabs(q[i]))) ++bad;
      if (std::isnan(d)) {
        max_abs = d;
        continue;
      }
      max_abs = std::max(max_abs, d);
      if (q[i] != 0) max_rel = std::max(max_rel, d / std::fabs(q[i]));
    }
    out << "shape " << dims(expected.shape()) << ", max abs error "
        << short_number(max_abs) << ", max rel error " << short_number(max_rel);
    if (bad) {
      out << ", " << bad << " of " << a.size() << " values out of tolerance"
          << "  MISMATCH\n";
      ok = false;
    } else {
      out << "  OK\n";
    }
  }
  out << (ok ? "verify: all " : "verify: not all ") << ys.size()
      << " outputs match (rtol=" << short_number(options.rtol)
      << ", atol=" << short_number(options.atol) << ")\n";
  return ok;
}

}  // namespace keras::saving
