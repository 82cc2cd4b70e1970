// libFuzzer harness: a .weights.h5 file (HDF5 from memory through the core
// driver) loaded into a fixed model. Seeds: every *.weights.h5 of the
// fixtures; the model is KERAS_FUZZ_MODEL (a .keras file) when set, else a
// small MLP.
#include <cstdlib>

#include "fuzz/fuzz_common.h"
#include "keras/keras.h"

namespace {
std::shared_ptr<keras::Model> target_model() {
  if (const char* path = std::getenv("KERAS_FUZZ_MODEL")) {
    return keras::saving::load_model(path, {.compile = false});
  }
  auto inputs = keras::Input({8});
  auto h = keras::layers::Dense(16)(inputs);
  return std::make_shared<keras::Model>(inputs, keras::layers::Dense(2)(h));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static const std::shared_ptr<keras::Model> model = target_model();
  return keras::fuzz::run_one([&] {
    keras::saving::H5Limits limits;
    limits.max_dataset_bytes = keras::fuzz::kFuzzMaxBytes;
    keras::saving::load_weights_from_h5_bytes(
        *model, std::string(reinterpret_cast<const char*>(data), size),
        "fuzz.weights.h5", limits);
  });
}
