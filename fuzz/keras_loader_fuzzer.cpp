// libFuzzer harness: the .keras loader (zip archive, config.json, the
// model.weights.h5 member) from memory, as keras::saving::load_model reads
// a file. Seeds: every *.keras of the fixtures and corpus.
#include "fuzz/fuzz_common.h"
#include "keras/keras.h"
#include "keras/saving/zip_archive.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace keras::saving;
  return keras::fuzz::run_one([&] {
    Limits limits;
    limits.zip.max_member_bytes = keras::fuzz::kFuzzMaxBytes;
    limits.zip.max_total_bytes = keras::fuzz::kFuzzMaxBytes;
    limits.h5.max_dataset_bytes = keras::fuzz::kFuzzMaxBytes;
    limits.max_variable_bytes = keras::fuzz::kFuzzMaxBytes;
    limits.max_total_variable_bytes = keras::fuzz::kFuzzMaxBytes;
    ZipReader zip = ZipReader::from_buffer(
        std::string(reinterpret_cast<const char*>(data), size), "fuzz.keras",
        limits.zip);
    auto model = model_from_json_text(zip.read("config.json"),
                                      "fuzz.keras (config.json)", nullptr,
                                      false, limits);
    load_weights_from_h5_bytes(*model, zip.read("model.weights.h5"),
                               "fuzz.keras (model.weights.h5)", limits.h5);
  });
}
