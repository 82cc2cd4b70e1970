// layer_options_from_config on hostile configs (fuzz_model_from_json).
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"

namespace keras {
namespace {

// A dtype policy whose class_name is an object threw nlohmann's type_error
// (not a keras::Error) out of the loader.
TEST(LayerConfigTest, DtypePolicyClassNameThatIsNotAStringIsRefused) {
  const Json config = Json::parse(R"({
    "module": "keras.layers", "class_name": "Dense", "registered_name": null,
    "config": {"name": "d", "units": 2,
               "dtype": {"module": "keras", "class_name": {"name": "float32"},
                         "config": {"name": "float32"}}}})");
  testing::expect_error<NotImplementedError>(
      [&] { deserialize_layer(config); }, "dtype policy");
}

}  // namespace
}  // namespace keras
