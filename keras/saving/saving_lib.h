// File: keras/saving/saving_lib.h
// -----------------------------------------------------------------------------
// The .keras format and weights files (Python: keras/src/saving/saving_lib.py
// and saving_api.py).
//
// A .keras file is a zip of metadata.json, config.json and model.weights.h5
// (STORED, in that order). Weights live at paths derived from the model's
// structure (keras-format.md §5): layers/<snake_case class>[_N]/vars/<i>, the
// optimizer at optimizer/vars/<i>. Saves are atomic: a temporary file beside
// the target is renamed over it only when complete.
//
//   model.save("my_model.keras");
//   auto back = keras::saving::load_model("my_model.keras");
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>

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
};

// keras.saving.save_model / model.save: `path` must end in ".keras".
void save_model(const Model& model, const std::string& path);
// keras.saving.load_model for .keras files, unzipped model directories and
// legacy HDF5 model files (recognised by content, whatever their name).
std::shared_ptr<Model> load_model(const std::string& path,
                                  const LoadOptions& options = {});

// model.save_weights / load_weights (".weights.h5"; load also reads the
// weights of a ".keras" file and legacy ".h5"/".hdf5" weights).
void save_weights(const Model& model, const std::string& path);
void load_weights(Model& model, const std::string& path);

// A model from the JSON text of a model record (config.json, to_json()).
std::shared_ptr<Model> model_from_json_text(const std::string& text,
                                            const std::string& what,
                                            const CustomObjects* custom_objects,
                                            bool compile);

// The same for a parsed model record (legacy HDF5 configs after conversion).
std::shared_ptr<Model> model_from_record(const Json& record,
                                         const std::string& what,
                                         const CustomObjects* custom_objects,
                                         bool compile);

// The model.weights.h5 bytes of `model` (with the optimizer state when the
// model is compiled).
std::string weights_to_h5_bytes(const Model& model);
// Loads HDF5 weights bytes into `model`; `what` names the source in errors.
void load_weights_from_h5_bytes(Model& model, std::string bytes,
                                const std::string& what);

}  // namespace keras::saving
