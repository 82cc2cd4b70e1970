// File: keras/layers/register_layers.h
// -----------------------------------------------------------------------------
// One registration function per layer family (keras/layers/<family>/), each
// adding its built-in layers to the deserialization table:
//
//   saving::register_builtin<Layer>("Dense", [](const Json& c) -> LayerPtr {
//     return DenseLayer::from_config(c);
//   });
//
// saving/builtin_objects.cpp calls them all once, on first use.
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/layers/layer.h"
#include "keras/saving/object_registration.h"

namespace keras::layers {

// Registers T::from_config under Keras' class name.
template <class T>
void register_layer(const std::string& class_name) {
  saving::register_builtin<Layer>(class_name, [](const Json& config) -> LayerPtr {
    return T::from_config(config);
  });
}

void register_core_layers();
void register_activation_layers();
void register_regularization_layers();
void register_merging_layers();
void register_reshaping_layers();
void register_normalization_layers();
void register_convolutional_layers();
void register_pooling_layers();
void register_rnn_layers();
void register_attention_layers();
void register_preprocessing_layers();

}  // namespace keras::layers
