// libFuzzer harness: the legacy .h5 model loader (model_config,
// model_weights, training_config) on an in-memory HDF5 image. Seeds: the
// legacy *.h5 files of the fixtures and corpus.
#include "fuzz/fuzz_common.h"
#include "keras/keras.h"
#include "keras/legacy/saving/legacy_h5_format.h"
#include "keras/saving/h5_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  return keras::fuzz::run_one([&] {
    keras::saving::LoadOptions options;
    options.limits.h5.max_dataset_bytes = keras::fuzz::kFuzzMaxBytes;
    options.limits.max_variable_bytes = keras::fuzz::kFuzzMaxBytes;
    options.limits.max_total_variable_bytes = keras::fuzz::kFuzzMaxBytes;
    const auto file = keras::saving::H5File::open_image(
        std::string(reinterpret_cast<const char*>(data), size), "fuzz.h5",
        options.limits.h5);
    keras::legacy::saving::load_model_from_hdf5(file, options);
  });
}
