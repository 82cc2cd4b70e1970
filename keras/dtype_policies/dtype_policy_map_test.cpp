#include "keras/dtype_policies/dtype_policy_map.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"

namespace keras {
namespace {

using dtype_policies::DTypePolicyMap;
using dtype_policies::get;

TEST(DTypePolicyMapTest, ExactThenRegexThenDefault) {
  DTypePolicyMap map("float32");
  map.set("encoder/layer_0/dense", get("bfloat16"));
  map.set("encoder/.*", get("float16"));
  map.set("decoder", get("bfloat16"));
  EXPECT_EQ(map.at("encoder/layer_0/dense")->name(), "bfloat16");
  EXPECT_EQ(map.at("encoder/attention/query")->name(), "float16");
  // No prefix matching: "decoder" is not "decoder/attention".
  EXPECT_EQ(map.at("decoder/attention")->name(), "float32");
  EXPECT_EQ(map.name(), "map_float32");
  EXPECT_EQ(map.compute_dtype(), DType::float32);
  map.set("encoder/attention/.*", get("bfloat16"));
  testing::expect_error<ValueError>(
      [&] { map.at("encoder/attention/query"); },
      "Path 'encoder/attention/query' matches multiple dtype policy "
      "specification keys: ['encoder/.*', 'encoder/attention/.*']");
  map.erase("encoder/attention/.*");
  EXPECT_EQ(map.size(), 3u);
  EXPECT_FALSE(map.contains("encoder/attention/.*"));
}

TEST(DTypePolicyMapTest, ConfigRoundTrip) {
  DTypePolicyMap map("mixed_bfloat16");
  map.set("dense/kernel", get("bfloat16"));
  map.set("dense_1", get("int8_from_mixed_bfloat16"));
  const Json record = dtype_policies::serialize(map);
  EXPECT_EQ(record["module"], "keras.dtype_policies");
  EXPECT_EQ(record["config"]["default_policy"], "mixed_bfloat16");
  EXPECT_EQ(record["config"]["policy_map"]["dense_1"]["class_name"],
            "QuantizedDTypePolicy");
  const auto again = get(record);
  EXPECT_EQ(dtype_policies::serialize(*again), record);
  EXPECT_EQ(again->compute_dtype(), DType::bfloat16);
  const auto& loaded = dynamic_cast<const DTypePolicyMap&>(*again);
  EXPECT_EQ(*loaded.at("dense_1")->quantization_mode(), "int8");
}

// Without a default policy Keras writes the entries' float names as null.
TEST(DTypePolicyMapTest, NoDefaultPolicyWritesNullNames) {
  DTypePolicyMap map;
  map.set("a", get("bfloat16"));
  map.set("b", get("int8_from_float32"));
  const Json config = map.get_config();
  EXPECT_TRUE(config["default_policy"].is_null());
  EXPECT_TRUE(config["policy_map"]["a"]["config"]["name"].is_null());
  EXPECT_TRUE(config["policy_map"]["b"]["config"]["source_name"].is_null());
  const auto again = DTypePolicyMap::from_config(config);
  EXPECT_EQ(again->name(), "map_float32");
}

TEST(DTypePolicyMapTest, BadArgumentsRaiseKerasErrors) {
  DTypePolicyMap map;
  map.set("a", get("float16"));
  testing::expect_error<ValueError>(
      [&] { map.set("a", get("float32")); },
      "a already exist in the DTypePolicyMap with value float16. Please make "
      "sure to not use duplicated keys.");
  const Json nested = dtype_policies::serialize(map);
  testing::expect_error<ValueError>(
      [&] { DTypePolicyMap bad(nested); },
      "`default_policy` cannot be a `DTypePolicyMap`.");
  testing::expect_error<TypeError>(
      [] {
        DTypePolicyMap::from_config({{"policy_map", {1, 2}}});
      },
      "If specified, `policy_map` must be a dict.");
}

}  // namespace
}  // namespace keras
