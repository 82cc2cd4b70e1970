// Guide "Save, serialize, and export models" -- section "Model weights
// saving": in-memory transfer with get_weights()/set_weights() (layer to
// layer, Functional to subclassed, with a stateless Dropout in between),
// the nested-layer ordering example, save_weights()/load_weights() on disk,
// and the transfer-learning example (a new Sequential from the layers of a
// pretrained model).
#include <cmath>
#include <iostream>

#include "examples/guide/guide_objects.h"
#include "examples/guide/sections.h"
#include "keras/keras.h"

namespace guide {

namespace {

keras::layers::Dense create_layer() {
  return keras::layers::Dense(
      64, {.activation = "relu", .base = {.name = "dense_2"}});
}

keras::Model create_functional_model(bool with_dropout = false) {
  using keras::layers::Dense;
  auto inputs = keras::Input({784}, {.name = "digits"});
  auto x =
      Dense(64, {.activation = "relu", .base = {.name = "dense_1"}})(inputs);
  if (with_dropout) x = keras::layers::Dropout(0.5)(x);
  x = Dense(64, {.activation = "relu", .base = {.name = "dense_2"}})(x);
  auto outputs = Dense(10, {.base = {.name = "predictions"}})(x);
  return keras::Model(inputs, outputs, {.name = "3_layer_mlp"});
}

bool same_values(const std::vector<keras::Tensor>& a,
                 const std::vector<keras::Tensor>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].to_double_vector() != b[i].to_double_vector()) return false;
  }
  return true;
}

std::string names(const keras::Variables& variables) {
  std::string out = "[";
  for (std::size_t i = 0; i < variables.size(); ++i) {
    out += (i ? ", '" : "'") + variables[i]->name() + "'";
  }
  return out + "]";
}

}  // namespace

void weights_saving() {
  std::cout << "\n== Model weights saving ==\n";

  // Transfer weights from one layer to another, in memory.
  auto layer_1 = create_layer();
  layer_1->build({{-1, 784}});
  auto layer_2 = create_layer();
  layer_2->build({{-1, 784}});
  layer_2->set_weights(layer_1->get_weights());
  std::cout << "layer to layer: weights equal: "
            << (same_values(layer_1->get_weights(), layer_2->get_weights())
                    ? "True"
                    : "False")
            << "\n";

  // Transfer from a Functional model to a subclassed one with the same
  // layers.
  keras::Model functional_model = create_functional_model();
  auto subclassed_model = std::make_shared<SubclassedModel>(10);
  // Call the subclassed model once to create the weights.
  (*subclassed_model)(keras::Tensor::ones({1, 784}));
  subclassed_model->set_weights(functional_model.get_weights());
  std::cout << "functional to subclassed: " << functional_model.weights().size()
            << " == " << subclassed_model->weights().size()
            << " weights, equal: "
            << (same_values(functional_model.get_weights(),
                            subclassed_model->get_weights())
                    ? "True"
                    : "False")
            << "\n";

  // Stateless layers (Dropout) hold no weights, so they do not change the
  // order or number of weights.
  keras::Model functional_model_with_dropout = create_functional_model(true);
  functional_model_with_dropout.set_weights(functional_model.get_weights());
  std::cout << "with an extra Dropout: weights equal: "
            << (same_values(functional_model.get_weights(),
                            functional_model_with_dropout.get_weights())
                    ? "True"
                    : "False")
            << "\n";

  // Weights of nested layers: Keras 3 keeps model.weights in tracking
  // order whatever the trainable flags are.
  auto nested = std::make_shared<NestedDenseLayer>(10, "nested");
  keras::Sequential nested_model({keras::Input({784}), nested});
  const std::string variable_names = names(nested_model.weights());
  std::cout << "variables: " << variable_names << "\n";
  std::cout << "\nChanging trainable status of one of the nested layers...\n";
  nested->dense_1->set_trainable(false);
  const std::string variable_names_2 = names(nested_model.weights());
  std::cout << "\nvariables: " << variable_names_2 << "\n";
  std::cout << "variable ordering changed: "
            << (variable_names != variable_names_2 ? "True" : "False") << "\n";

  // Saving weights to disk and loading them back.
  keras::Sequential sequential_model(
      {keras::Input({784}, {.name = "digits"}),
       keras::layers::Dense(
           64, {.activation = "relu", .base = {.name = "dense_1"}}),
       keras::layers::Dense(
           64, {.activation = "relu", .base = {.name = "dense_2"}}),
       keras::layers::Dense(10, {.base = {.name = "predictions"}})});
  sequential_model.save_weights("my_model.weights.h5");
  sequential_model.load_weights("my_model.weights.h5");
  std::cout << "save_weights / load_weights: my_model.weights.h5\n";

  // Transfer learning: load pretrained weights, then build a new model from
  // the pretrained layers (all but the last) and a new head.
  functional_model.save_weights("pretrained.weights.h5");
  // (In a separate program:)
  keras::Model pretrained_model = create_functional_model();
  pretrained_model.load_weights("pretrained.weights.h5");
  std::vector<keras::SequentialItem> extracted_layers;
  const auto layers = pretrained_model.layers();
  for (std::size_t i = 0; i + 1 < layers.size(); ++i) {
    extracted_layers.emplace_back(layers[i]);
  }
  extracted_layers.emplace_back(
      keras::layers::Dense(5, {.base = {.name = "dense_3"}}));
  keras::Sequential model(extracted_layers);
  model.summary();
}

}  // namespace guide
