// Guide "Save, serialize, and export models" -- section "Custom objects":
// a model with a registered custom layer and a registered custom activation
// function is saved, then loaded three ways: through the registrations,
// with custom_objects passed to load_model, and inside a custom object
// scope. The objects are in guide_objects.h (also the plugin
// libguide_objects.so for keras-cpp).
#include <cmath>
#include <iostream>

#include "examples/guide/guide_objects.h"
#include "examples/guide/sections.h"
#include "keras/keras.h"

namespace guide {

namespace {

std::shared_ptr<keras::Model> get_model() {
  auto inputs = keras::Input({4});
  auto custom_layer = std::make_shared<CustomLayer>(0.5);
  std::cout << "CustomLayer is registered as "
            << keras::saving::get_registered_name(*custom_layer)
            << ", custom_fn as "
            << keras::saving::get_registered_name(
                   keras::activations::get("my_package>custom_fn"))
            << "\n";
  auto mid = (*custom_layer)(inputs);
  auto outputs =
      keras::layers::Dense(1, {.activation = "my_package>custom_fn"})(mid);
  auto model = std::make_shared<keras::Model>(inputs, outputs);
  model->compile({.optimizer = "rmsprop", .loss = "mean_squared_error"});
  return model;
}

double max_abs_diff(const keras::Tensor& a, const keras::Tensor& b) {
  const auto x = a.to_double_vector(), y = b.to_double_vector();
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    worst = std::max(worst, std::fabs(x[i] - y[i]));
  }
  return worst;
}

void report(const char* how, const keras::Tensor& expected,
            keras::Model& reconstructed, const keras::Tensor& test_input) {
  const double diff = max_abs_diff(expected, reconstructed.predict(test_input));
  std::cout << how << ": max |difference| = " << diff
            << (diff == 0.0 ? " (identical)" : "") << "\n";
}

}  // namespace

void custom_objects() {
  std::cout << "\n== Custom objects ==\n";
  register_guide_objects();
  // Create and train a model with the custom layer and function.
  auto model = get_model();
  model->fit(keras::random::uniform({4, 4}, 0.0, 1.0, 3),
             keras::random::uniform({4, 1}, 0.0, 1.0, 4));
  model->save("custom_model.keras");
  const keras::Tensor test_input = keras::random::uniform({4, 4}, 0.0, 1.0, 5);
  const keras::Tensor expected = model->predict(test_input);

  // 1. The registrations are found by their registered names.
  auto reconstructed = keras::saving::load_model("custom_model.keras");
  report("registered objects", expected, *reconstructed, test_input);

  // 2. Passing the objects to load_model.
  reconstructed = keras::saving::load_model(
      "custom_model.keras", {.custom_objects = &guide_custom_objects()});
  report("custom_objects={CustomLayer, custom_fn}", expected, *reconstructed,
         test_input);

  // 3. A custom object scope (active while it lives).
  {
    keras::saving::CustomObjectScope scope(guide_custom_objects());
    reconstructed = keras::saving::load_model("custom_model.keras");
  }
  report("custom_object_scope", expected, *reconstructed, test_input);
}

}  // namespace guide
