#include "keras/dtype_policies/dtype_policy.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"

namespace keras {
namespace {

using dtype_policies::DTypePolicy;
using dtype_policies::QuantizedDTypePolicy;
using dtype_policies::QuantizedFloat8DTypePolicy;

TEST(DTypePolicyTest, FloatPoliciesAndLegacyRecords) {
  const auto mixed = dtype_policies::get("mixed_bfloat16");
  EXPECT_EQ(mixed->variable_dtype(), DType::float32);
  EXPECT_EQ(mixed->compute_dtype(), DType::bfloat16);
  EXPECT_FALSE(mixed->quantization_mode());
  const Json legacy = {{"class_name", "FloatDTypePolicy"},
                       {"config", {{"name", "float16"}}}};
  EXPECT_EQ(
      dtype_policies::serialize(*dtype_policies::get(legacy))["class_name"],
      "FloatDTypePolicy");
  EXPECT_EQ(dtype_policies::get(nullptr)->name(), "float32");
}

TEST(QuantizedDTypePolicyTest, NameDtypesAndConfig) {
  const QuantizedDTypePolicy policy("int8", "mixed_bfloat16");
  EXPECT_EQ(policy.name(), "int8_from_mixed_bfloat16");
  EXPECT_EQ(policy.variable_dtype(), DType::float32);
  EXPECT_EQ(policy.compute_dtype(), DType::bfloat16);
  EXPECT_EQ(*policy.quantization_mode(), "int8");
  EXPECT_EQ(
      dtype_policies::serialize(policy),
      (Json{{"module", "keras.dtype_policies"},
            {"class_name", "QuantizedDTypePolicy"},
            {"config", {{"mode", "int8"}, {"source_name", "mixed_bfloat16"}}},
            {"registered_name", nullptr}}));
}

TEST(QuantizedDTypePolicyTest, RecordsAndNamesRoundTrip) {
  const QuantizedFloat8DTypePolicy fp8("float8", "float32", 512);
  const Json record = dtype_policies::serialize(fp8);
  EXPECT_EQ(record["config"], (Json{{"mode", "float8"},
                                    {"source_name", "float32"},
                                    {"amax_history_length", 512}}));
  EXPECT_EQ(dtype_policies::serialize(*dtype_policies::get(record)), record);
  // keras.dtype_policies.get("<mode>_from_<source>").
  const auto by_name = dtype_policies::get("int8_from_float32");
  EXPECT_EQ(by_name->class_name(), "QuantizedDTypePolicy");
  EXPECT_EQ(by_name->name(), "int8_from_float32");
  const auto fp8_by_name = dtype_policies::get("float8_from_bfloat16");
  EXPECT_EQ(fp8_by_name->class_name(), "QuantizedFloat8DTypePolicy");
  EXPECT_EQ(
      dtype_policies::serialize(*fp8_by_name)["config"]["amax_history_length"],
      1024);
}

TEST(QuantizedDTypePolicyTest, BadArgumentsRaiseKerasErrors) {
  testing::expect_error<ValueError>(
      [] { QuantizedDTypePolicy("int2", "float32"); },
      "Invalid quantization mode. Expected one of ('int8', 'float8', 'int4', "
      "'gptq', 'awq'). Received: mode=int2");
  testing::expect_error<ValueError>(
      [] { QuantizedDTypePolicy("int8", "float16"); },
      "Quantization mode='int8' doesn't work well with "
      "compute_dtype='float16'.");
  testing::expect_error<ValueError>(
      [] { dtype_policies::get("int8_from_float32_from_x"); },
      "Cannot convert `policy` into a valid pair (`mode`, `source_name`)");
  testing::expect_error<ValueError>(
      [] { QuantizedDTypePolicy("int8", "complex7"); }, "complex7");
  testing::expect_error<NotImplementedError>(
      [] {
        dtype_policies::get(Json{{"class_name", "GPTQDTypePolicy"},
                                 {"config", {{"mode", "gptq/4/128"}}}});
      },
      "GPTQDTypePolicy is not supported");
}

}  // namespace
}  // namespace keras
