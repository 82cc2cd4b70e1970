// File: keras/saving/keras_version_compat.h
// -----------------------------------------------------------------------------
// Saving for an older Keras 3 release: save_model(..., {.keras_version =
// "3.0"}) writes metadata.json's keras_version as that release and leaves out
// the config keys its reader rejects (Keras passes a layer's config to its
// constructor, and before a key existed the constructor raises
// "Unrecognized keyword arguments").
//
// What each release accepts was read off Keras' git history (the __init__
// arguments of every class at each v3.N.0 tag; see docs/keras-versions.md):
//   - dtype policy records ({"class_name": "DTypePolicy", ...}) since 3.4;
//     older releases read the policy name ("float32", "mixed_float16"),
//   - per class keys, e.g. InputLayer "optional" (3.4) and "ragged" (3.9),
//     Dense/EinsumDense/Embedding "lora_rank" (3.1), "lora_alpha" (3.10),
//     "quantization_config" (3.13), Conv "lora_rank" (3.3), optimizers
//     "gradient_accumulation_steps" (3.1), initializers "input_axes"/
//     "output_axes" (3.15),
//   - classes that did not exist yet (RMSNormalization before 3.9, ...) make
//     the save fail with a ValueError naming the first release that has them.
//
//   keras::saving::save_model(model, "m.keras", {.keras_version = "3.0"});
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/core/json.h"

namespace keras::saving {

// The oldest and newest Keras releases keras.cpp can write for.
inline constexpr int kOldestTargetMinor = 0;   // Keras 3.0
inline constexpr int kNewestTargetMinor = 15;  // Keras 3.15

// "3.N" or "3.N.P" with 0 <= N <= 15 -> N. ValueError otherwise.
int target_keras_minor(const std::string& keras_version);

// The keras_version metadata.json names for a target ("3.0" -> "3.0.0";
// "3.15" -> the version keras.cpp writes by default).
std::string target_keras_version_string(const std::string& keras_version);

// A config record (config.json, or any object record inside it) as Keras
// 3.`minor` writes and reads it. ValueError when it holds a class that
// release does not have.
Json config_for_keras_minor(const Json& record, int minor);

}  // namespace keras::saving
