// File: keras/saving/saving_lib.h
// -----------------------------------------------------------------------------
// The .keras format and weights files (Python: keras/src/saving/saving_lib.py
// and saving_api.py).
//
// A .keras file is a zip of metadata.json, config.json and model.weights.h5
// (STORED, in that order), then any assets/<object path>/<file> members
// (layers' save_assets, see keras/saving/assets_store.h). Weights live at paths
// derived from the model's structure (keras-format.md §5): layers/<snake_case
// class>[_N]/vars/<i>, the optimizer at optimizer/vars/<i>. Saves are atomic: a
// temporary file beside the target is renamed over it only when complete.
//
//   model.save("my_model.keras");
//   auto back = keras::saving::load_model("my_model.keras");
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "keras/saving/limits.h"
#include "keras/saving/object_registration.h"

namespace keras {
class Model;
}

namespace keras::saving {

// The Keras version whose format keras.cpp writes (metadata.json).
inline constexpr const char* kKerasFormatVersion = "3.15.1";

struct LoadOptions {
  bool compile = true;
  const CustomObjects* custom_objects = nullptr;
  // Keras' safe_mode: refuse Python lambdas (always on in keras.cpp; the
  // flag is accepted for API parity and cannot be turned off).
  bool safe_mode = true;
  // Caps on what the file may make keras.cpp read or allocate.
  Limits limits = {};
};

struct LoadWeightsOptions {
  Limits limits = {};
  // Keras' skip_mismatch: a layer whose variables do not fit (count or
  // shape) is left as it is, with a warning, instead of failing the load.
  // Legacy .h5 files skip single weights of a differing shape (and, with
  // by_name, whole layers whose weight count differs).
  bool skip_mismatch = false;
  // Keras' by_name (legacy .h5/.hdf5 files only): layers take the weights
  // saved under their own name; layers absent from the file are left as
  // they are. Default: by position (topological order).
  bool by_name = false;
};

struct SaveOptions {
  // false: the directory format (`path` names a directory holding
  // metadata.json, config.json and model.weights.h5; not "*.keras").
  bool zipped = true;
  // Write for an older Keras 3 reader ("3.0" ... "3.15"): metadata.json
  // names that release and the config leaves out what it rejects
  // (keras/saving/keras_version_compat.h). Empty: the current format.
  std::string keras_version;
};

// keras.saving.save_model / model.save: "x.keras" (zip), "x.h5"/"x.hdf5"
// (legacy HDF5 full model, with Keras' deprecation warning), or a directory
// with {.zipped = false}.
void save_model(const Model& model, const std::string& path,
                const SaveOptions& options = {});
// keras.saving.load_model for .keras files, unzipped model directories and
// legacy HDF5 model files (recognised by content, whatever their name).
std::shared_ptr<Model> load_model(const std::string& path,
                                  const LoadOptions& options = {});

struct SaveWeightsOptions {
  // Sharded weights (Keras 3.10+): largest shard in GB (1024**3 bytes);
  // `path` must end in ".weights.json" (a ".weights.h5" name is renamed to
  // ".weights.json" with a warning, as Keras does).
  std::optional<double> max_shard_size;
};

// model.save_weights / load_weights (".weights.h5", sharded
// ".weights.json"; load also reads the weights of a ".keras" file and
// legacy ".h5"/".hdf5" weights).
void save_weights(const Model& model, const std::string& path,
                  const SaveWeightsOptions& options = {});
void load_weights(Model& model, const std::string& path,
                  const LoadWeightsOptions& options = {});

// A model from the JSON text of a model record (config.json, to_json()).
// Applies `limits` (JSON size and depth, weights the config creates).
std::shared_ptr<Model> model_from_json_text(const std::string& text,
                                            const std::string& what,
                                            const CustomObjects* custom_objects,
                                            bool compile,
                                            const Limits& limits = {});

// The same for a parsed model record (legacy HDF5 configs after conversion).
std::shared_ptr<Model> model_from_record(const Json& record,
                                         const std::string& what,
                                         const CustomObjects* custom_objects,
                                         bool compile);

// The model.weights.h5 bytes of `model` (with the optimizer state when the
// model is compiled).
std::string weights_to_h5_bytes(const Model& model);
// Loads HDF5 weights bytes into `model`; `what` names the source in errors.
// With skip_mismatch, objects that do not fit are reported as a warning.
void load_weights_from_h5_bytes(Model& model, std::string bytes,
                                const std::string& what,
                                const H5Limits& limits = {},
                                bool skip_mismatch = false);

// metadata.json as Keras writes it now: {"keras_version", "date_saved"}
// (keras_version: kKerasFormatVersion unless given).
std::string metadata_json(const std::string& keras_version = "");

class WeightsReader;
class WeightsWriter;
// Keras' _save_state / _load_state over any weights store.
void save_weights_to(const Model& model, WeightsWriter& out);
void load_weights_from(Model& model, const WeightsReader& in,
                       const std::string& what, bool skip_mismatch = false);

}  // namespace keras::saving
