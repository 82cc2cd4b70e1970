// Guide "Save, serialize, and export models" -- section "Model
// serialization": get_config()/from_config() of a layer, a Sequential and a
// Functional model; to_json() and model_from_json(); arbitrary object
// serialization (serialize_keras_object / deserialize_keras_object); and
// in-memory cloning (clone_model).
#include <iostream>

#include "examples/guide/python_repr.h"
#include "examples/guide/sections.h"
#include "keras/keras.h"

namespace guide {

void model_serialization() {
  std::cout << "\n== Model serialization ==\n";

  // Layer example.
  keras::layers::Dense layer(3, {.activation = "relu"});
  const keras::Json layer_config = layer->get_config();
  std::cout << python_repr(layer_config) << "\n";
  auto new_layer = keras::layers::DenseLayer::from_config(layer_config);
  std::cout << "Dense.from_config(config).get_config() == config: "
            << (new_layer->get_config() == layer_config ? "True" : "False")
            << "\n";

  // Sequential model example.
  keras::Sequential sequential({keras::Input({32}), keras::layers::Dense(1)});
  const keras::Json sequential_config = sequential.get_config();
  auto new_sequential = keras::deserialize_layer(sequential.serialize());
  std::cout << "Sequential.from_config: "
            << (new_sequential->get_config() == sequential_config ? "same"
                                                                  : "different")
            << " config\n";

  // Functional model example.
  auto inputs = keras::Input({32});
  keras::Model functional(inputs, keras::layers::Dense(1)(inputs));
  const keras::Json functional_config = functional.get_config();
  auto new_functional = keras::functional_from_config(functional_config, {});
  std::cout << "Model.from_config: "
            << (new_functional->get_config() == functional_config ? "same"
                                                                  : "different")
            << " config\n";

  // to_json() and keras.models.model_from_json().
  const std::string json_config = sequential.to_json();
  auto from_json = keras::models::model_from_json(json_config);
  std::cout << "model_from_json(model.to_json()).to_json() is the same "
               "string: "
            << (from_json->to_json() == json_config ? "True" : "False") << "\n";

  // Arbitrary object serialization.
  keras::regularizers::L1 my_reg(0.005);
  const keras::Json config = keras::saving::serialize_keras_object(my_reg);
  std::cout << python_repr(config) << "\n";
  auto new_reg =
      keras::saving::deserialize_keras_object<keras::regularizers::Regularizer>(
          config);
  std::cout << "deserialized: " << new_reg->class_name() << "("
            << python_repr(new_reg->get_config()) << ")\n";

  // In-memory model cloning: same config, fresh weights.
  auto clone = keras::models::clone_model(functional);
  std::cout << "clone_model: same config: "
            << (clone->get_config() == functional_config ? "True" : "False")
            << ", same weights: "
            << (clone->get_weights()[0].to_double_vector() ==
                        functional.get_weights()[0].to_double_vector()
                    ? "True"
                    : "False")
            << "\n";
}

}  // namespace guide
