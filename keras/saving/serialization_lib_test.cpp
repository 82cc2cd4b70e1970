#include "keras/saving/serialization_lib.h"

#include <gtest/gtest.h>

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
  EXPECT_THROW(deserialize_array_record(array_record(
                   "__tensor__", Json::parse("[[1, 2], [3]]"), "float32")),
               ValueError);
  EXPECT_THROW(deserialize_array_record(array_record(
                   "__tensor__", Json::parse("[1, [2]]"), "float32")),
               ValueError);
  EXPECT_THROW(deserialize_array_record(array_record(
                   "__tensor__", Json::parse("[\"a\"]"), "float32")),
               ValueError);
  EXPECT_THROW(deserialize_array_record(array_record("__tensor__", 1, "nope")),
               ValueError);
  EXPECT_THROW(deserialize_array_record(Json{{"class_name", "Dense"}}),
               ValueError);
}

}  // namespace
}  // namespace keras::saving
