// Guide "Save, serialize, and export models" -- section "Saving", the first
// example: train a small model, save it as .keras, load it back, and check
// that both predict the same numbers.
#include <cmath>
#include <iostream>

#include "examples/guide/sections.h"
#include "keras/keras.h"

namespace guide {

namespace {

keras::Model get_model_functional() {
  // Create a simple model.
  auto inputs = keras::Input({32});
  auto outputs = keras::layers::Dense(1)(inputs);
  return keras::Model(inputs, outputs);
}

}  // namespace

void saving() {
  std::cout << "== Saving: the guide's first example ==\n";
  keras::Model model = get_model_functional();
  model.compile({.optimizer = std::make_shared<keras::optimizers::Adam>(),
                 .loss = "mean_squared_error"});

  // Train the model.
  auto test_input = keras::random::uniform({128, 32}, 0.0, 1.0, 1);
  auto test_target = keras::random::uniform({128, 1}, 0.0, 1.0, 2);
  model.fit(test_input, test_target);

  // Calling `save('my_model.keras')` creates a zip archive `my_model.keras`.
  model.save("my_model.keras");
  model.summary();

  // It can be used to reconstruct the model identically.
  auto reconstructed_model = keras::saving::load_model("my_model.keras");

  // Let's check:
  const auto a = model.predict(test_input).to_double_vector();
  const auto b = reconstructed_model->predict(test_input).to_double_vector();
  double max_diff = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    max_diff = std::max(max_diff, std::fabs(a[i] - b[i]));
  }
  std::cout << "max |model.predict - reconstructed_model.predict| = "
            << max_diff << (max_diff == 0.0 ? "  (identical)" : "") << "\n";

  // The reconstructed model is already compiled and has retained the
  // optimizer state, so training can resume:
  std::cout << "optimizer iterations after load: "
            << reconstructed_model->optimizer()->iterations() << "\n";
  reconstructed_model->fit(test_input, test_target);
}

}  // namespace guide
