// The built-in classes deserialization can create, by kind and Keras class
// name. Registered explicitly, once (see object_registration.h for why).
#include "keras/constraints/constraints.h"
#include "keras/initializers/initializer.h"
#include "keras/layers/register_layers.h"
#include "keras/legacy/layers/tf_op_lambda.h"
#include "keras/models/model.h"
#include "keras/models/sequential.h"
#include "keras/ops/op_node.h"
#include "keras/regularizers/regularizers.h"
#include "keras/saving/object_registration.h"

namespace keras::saving {

namespace {

// Keras' Model.from_config: a Functional config when it has the graph keys.
LayerPtr model_from_config(const Json& config) {
  if (config.is_object() && config.contains("layers") &&
      config.contains("input_layers") && config.contains("output_layers")) {
    return functional_from_config(config, nullptr);
  }
  throw TypeError(
      "A plain `Model` config without a Functional graph cannot be "
      "deserialized: a subclassed model must be registered "
      "(keras::saving::register_keras_serializable).");
}

}  // namespace

void register_builtin_objects() {
  initializers::register_builtins();
  regularizers::register_builtins();
  constraints::register_builtins();
  layers::register_core_layers();
  layers::register_activation_layers();
  layers::register_regularization_layers();
  layers::register_merging_layers();
  layers::register_reshaping_layers();
  layers::register_normalization_layers();
  layers::register_convolutional_layers();
  layers::register_pooling_layers();
  layers::register_rnn_layers();
  layers::register_attention_layers();
  layers::register_preprocessing_layers();
  layers::register_layer<Sequential>("Sequential");
  ops::register_op_nodes();
  legacy::layers::register_tf_op_layers();
  register_builtin<Layer>("Functional", model_from_config);
  register_builtin<Layer>("Model", model_from_config);
}

}  // namespace keras::saving
