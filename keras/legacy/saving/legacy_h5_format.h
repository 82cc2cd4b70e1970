// File: keras/legacy/saving/legacy_h5_format.h
// -----------------------------------------------------------------------------
// Legacy HDF5 model and weights files: `model.save("x.h5")` from Keras
// 1.x/2.x, tf.keras 2.x and Keras 3's legacy writer (Python:
// keras/src/legacy/saving/legacy_h5_format.py).
//
// Layout of such a file:
//   /                      attrs model_config (JSON), training_config (JSON,
//                          optional), keras_version, backend
//   /model_weights         attr layer_names (or layer_names0, 1, ... when
//                          chunked); one group per layer
//   /model_weights/<layer> attr weight_names; datasets at those names
//                          ("dense/kernel:0", possibly nested groups)
//   /optimizer_weights     attr weight_names (optional)
// A weights-only file (`model.save_weights("x.h5")` in Keras 2) is the
// model_weights group at the root.
//
// Weights are matched by position, as Keras does: the layers of the model
// that have weights, in `model.layers` order, against the saved layers whose
// weight_names are not empty; inside a layer, trainable weights then
// non-trainable ones.
//
//   if (keras::legacy::saving::is_hdf5_file(path))
//     auto model = keras::legacy::saving::load_model_from_hdf5(path, {});
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "keras/saving/saving_lib.h"

namespace keras {
class Model;
namespace saving {
class H5File;
}
}  // namespace keras

namespace keras::legacy::saving {

// Whether the file starts with the HDF5 signature (at offset 0 or after a
// user block of 512, 1024, ... bytes). False for missing/unreadable files.
bool is_hdf5_file(const std::string& path);

// keras.saving.load_model for a legacy HDF5 file.
std::shared_ptr<Model> load_model_from_hdf5(
    const std::string& path, const keras::saving::LoadOptions& options = {});
// The same for an opened file (e.g. H5File::open_image: no temporary file).
std::shared_ptr<Model> load_model_from_hdf5(
    const keras::saving::H5File& file,
    const keras::saving::LoadOptions& options = {});

// Keras 3's legacy writer (save_model_to_hdf5): root attributes
// keras_version, backend, model_config (legacy records) and, for a compiled
// model with include_optimizer, training_config; model_weights/<layer>/
// <variable path> datasets with layer_names/weight_names attributes;
// optimizer_weights/<variable path>. Written atomically. Callers print the
// deprecation note (keras::saving::save_model does).
// `keras_version` (empty: keras.cpp's) and `record` (null: the model's
// record) serve save_model's {.keras_version = ...} target.
void save_model_to_hdf5(const Model& model, const std::string& path,
                        bool include_optimizer = true,
                        const std::string& keras_version = "",
                        const Json& record = nullptr);

// model.load_weights for a legacy HDF5 file: the `model_weights` group when
// the file has one, else the root; by position, or by layer name with
// options.by_name; options.skip_mismatch as Keras (see the functions below).
void load_weights_from_hdf5(
    Model& model, const std::string& path,
    const keras::saving::LoadWeightsOptions& options = {});

// Keras' topological (order-based) weight loading from `group` of `file`.
// With skip_mismatch a saved weight whose shape differs from its variable's
// is skipped with a warning; a layer count or weight count mismatch still
// fails, as in Keras.
void load_weights_from_hdf5_group(const keras::saving::H5File& file,
                                  const std::string& group, Model& model,
                                  bool skip_mismatch = false);

// Keras' by_name loading: every model layer takes the weights saved under
// its name; layers absent from the file keep their values. With
// skip_mismatch, layers whose weight count differs and weights whose shape
// differs are skipped with a warning.
void load_weights_from_hdf5_group_by_name(const keras::saving::H5File& file,
                                          const std::string& group,
                                          Model& model,
                                          bool skip_mismatch = false);

// Keras' save_attributes_to_hdf5_group: a string-list attribute, split
// into `name0`, `name1`, ... (fixed-length strings, as NumPy arrays of the
// longest item) when it would pass HDF5's 64 KiB object header limit
// (64512 bytes, counting every item at the longest item's length).
// ValueError when a single item is larger than the limit.
void save_attributes_to_hdf5_group(keras::saving::H5File& file,
                                   const std::string& group,
                                   const std::string& name,
                                   const std::vector<std::string>& data);

// A string-list attribute, joined from `name0`, `name1`, ... chunks when
// `name` itself is absent (Keras splits lists over HDF5's 64 KiB header
// limit). Empty when neither exists.
std::vector<std::string> load_attributes_from_hdf5_group(
    const keras::saving::H5File& file, const std::string& group,
    const std::string& name);

}  // namespace keras::legacy::saving
