// File: keras/legacy/saving/saving_utils.h
// -----------------------------------------------------------------------------
// Model configs of legacy HDF5 files (Keras 1.x/2.x, tf.keras 2.x and Keras
// 3's legacy writer) turned into Keras 3 records (Python:
// keras/src/legacy/saving/saving_utils.py, model_from_config and
// compile_args_from_training_config).
//
// Keras 3 loads such a config by running every layer record without a
// `module` key through `model_from_config`, which rewrites a few Keras 2
// arguments before the class's from_config runs. keras.cpp performs the same
// rewrites on the JSON up front and then deserializes the result with the
// ordinary loader:
//   * `batch_input_shape` becomes `batch_shape` on an InputLayer; on the
//     first layer of a Sequential model it becomes an InputLayer in front
//     (Keras 3 builds `InputLayer(shape=batch_input_shape)`, so the saved
//     batch dimension turns into one more free dimension, exactly as Keras);
//   * `axis` given as a one-element list becomes an int (other lists are
//     dropped, as Keras drops them);
//   * Keras 2.0-2.2 Sequential configs that are a bare list of layers get
//     their {"name", "layers"} dict (Keras 3 cannot load these at all; here
//     the first layer's batch_input_shape is taken as the batch shape, as
//     Keras 2 meant it);
//   * arguments Keras 2 wrote with a default value that Keras 3 no longer
//     knows (`time_major: false`, `groups: 1` on depthwise convolutions)
//     are dropped; non-default values are refused with a clear message.
//
//   Json record = keras::legacy::saving::model_record_from_legacy_config(
//       parse_json(model_config_text));
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/json.h"

namespace keras::legacy::saving {

// The Keras 3 record for the `model_config` JSON of a legacy HDF5 file.
// Throws keras::ValueError/TypeError for configs that are not a model record.
Json model_record_from_legacy_config(const Json& model_config);

// The record of one layer (used recursively; exposed for tests).
Json layer_record_from_legacy_config(const Json& record);

// keras.cpp's compile_config (optimizer, loss, metrics, loss_weights,
// weighted_metrics) for the `training_config` JSON of a legacy HDF5 file.
// Keras 2 optimizer arguments are renamed (lr -> learning_rate) and those
// Keras 3 ignores (decay, is_legacy_optimizer, ...) are dropped.
Json compile_config_from_training_config(const Json& training_config);

}  // namespace keras::legacy::saving
