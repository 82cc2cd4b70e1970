// File: keras/models/cloning.h
// -----------------------------------------------------------------------------
// keras.models.clone_model (Python: keras/src/models/cloning.py): a new model
// with the same configuration (same layer names and structure), freshly
// initialised weights and no compile state. Works for Functional and
// Sequential models and for registered subclassed models (through their
// config, as Keras does).
//
//   auto clone = keras::models::clone_model(model);
//   clone->set_weights(model.get_weights());   // to copy the values too
// -----------------------------------------------------------------------------
#pragma once

#include <memory>

#include "keras/models/model.h"

namespace keras::models {

std::shared_ptr<Model> clone_model(
    const Model& model, const saving::CustomObjects* custom_objects = nullptr);

}  // namespace keras::models
