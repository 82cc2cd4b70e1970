#include "keras/saving/serialization_lib.h"

#include <gtest/gtest.h>

#include "keras/testing/expect_error.h"

namespace keras::saving {
namespace {

Json array_record(const char* class_name, Json value, const char* dtype) {
  return {{"class_name", class_name},
          {"config", {{"value", std::move(value)}, {"dtype", dtype}}}};
}

TEST(ArrayRecordTest, NestedListsBecomeATensor) {
  const Tensor t = deserialize_array_record(array_record(
      "__tensor__", Json::parse("[[1, 2, 3], [4, 5, 6]]"), "float32"));
  EXPECT_EQ(t.shape(), (Shape{2, 3}));
  EXPECT_EQ(t.dtype(), DType::float32);
  EXPECT_EQ(t.to_double_vector(), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  const Tensor scalar =
      deserialize_array_record(array_record("__numpy__", 7, "int64"));
  EXPECT_EQ(scalar.shape(), Shape{});
  EXPECT_EQ(scalar.dtype(), DType::int64);
}

TEST(ArrayRecordTest, RoundTripsThroughKerasRecord) {
  const Tensor t = Tensor::from_vector<float>({0.1f, -2.5f}, {1, 2});
  const Json record = serialize_tensor_record(t);
  EXPECT_EQ(record["class_name"], "__tensor__");
  EXPECT_EQ(record["config"]["dtype"], "float32");
  EXPECT_EQ(deserialize_array_record(record).to_double_vector(),
            t.to_double_vector());
}

TEST(ArrayRecordTest, MalformedRecordsAreValueErrors) {
  using keras::testing::expect_error;
  expect_error<ValueError>(
      [] {
        deserialize_array_record(array_record(
            "__tensor__", Json::parse("[[1, 2], [3]]"), "float32"));
      },
      "ragged nesting");
  expect_error<ValueError>(
      [] {
        deserialize_array_record(
            array_record("__tensor__", Json::parse("[1, [2]]"), "float32"));
      },
      "ragged nesting");
  expect_error<ValueError>(
      [] {
        deserialize_array_record(
            array_record("__tensor__", Json::parse("[\"a\"]"), "float32"));
      },
      "holds a non-number");
  expect_error<ValueError>(
      [] { deserialize_array_record(array_record("__tensor__", 1, "nope")); },
      "nope");
  expect_error<ValueError>(
      [] { deserialize_array_record(Json{{"class_name", "Dense"}}); },
      "Expected an array record");
}

}  // namespace
}  // namespace keras::saving
