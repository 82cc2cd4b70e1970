#include "keras/saving/serialization_lib.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
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
      [] {
        deserialize_array_record(Json{{"class_name", "Dense"}});
      },
      "Expected an array record");
}

// fuzz_model_from_json: JSON values of the wrong type anywhere in a record
// are keras errors, never nlohmann's exceptions.
TEST(DeserializeTest, WrongJsonTypesAreKerasErrors) {
  const auto load = [](const std::string& text) {
    return [text] { models::model_from_json(text); };
  };
  testing::expect_error<TypeError>(load(R"({"class_name": null})"),
                                   "the record has no `class_name`");
  const std::string dense =
      R"({"class_name": "Sequential", "config": {"name": "s", "layers": [)"
      R"({"class_name": "InputLayer", "config": {"batch_shape": [null, 2]}},)"
      R"({"class_name": "Dense", "config": {"units": 2,)"
      R"( "kernel_regularizer": {"class_name": null, "config": {}}}}]}})";
  testing::expect_error<Error>(load(dense), "the record has no `class_name`");
  const std::string shared =
      R"({"class_name": "Sequential", "config": {"name": "s", "layers": [)"
      R"({"class_name": "InputLayer", "config": {"batch_shape": [null, 2]}},)"
      R"({"class_name": "Dense", "config": {"units": 2, "kernel_regularizer":)"
      R"( {"class_name": "L2", "config": {"l2": 0.1}, "shared_object_id": 7},)"
      R"( "kernel_initializer": {"class_name": "Zeros", "config": {},)"
      R"( "shared_object_id": 7}}}]}})";
  testing::expect_error<TypeError>(load(shared), "shared_object_id 7");
}

}  // namespace
}  // namespace keras::saving
