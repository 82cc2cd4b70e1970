// libFuzzer harness: the config deserializer (keras.models.model_from_json
// / config.json). Seeds: every config.json of the fixtures and corpus.
#include "fuzz/fuzz_common.h"
#include "keras/keras.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  return keras::fuzz::run_one([&] {
    keras::saving::Limits limits;
    limits.max_variable_bytes = keras::fuzz::kFuzzMaxBytes;
    limits.max_total_variable_bytes = keras::fuzz::kFuzzMaxBytes;
    keras::saving::model_from_json_text(
        std::string(reinterpret_cast<const char*>(data), size), "fuzz.json",
        nullptr, /*compile=*/true, limits);
  });
}
