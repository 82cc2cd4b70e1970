#include "keras/ops/op_node.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::ops {
namespace {

// A Functional config of x[:, 1:5] as Keras serializes it: the GetItem op
// node's second argument lists one __slice__ record per axis.
std::string get_item_model(const std::string& second_slice) {
  return R"({"module": "keras.src.models.functional", "class_name": "Functional",
  "config": {"name": "f", "trainable": true, "layers": [
    {"module": "keras.layers", "class_name": "InputLayer",
     "config": {"batch_shape": [null, 6], "dtype": "float32", "name": "x"},
     "registered_name": null, "name": "x", "inbound_nodes": []},
    {"module": "keras.src.ops.numpy", "class_name": "GetItem",
     "config": {"name": "get_item"}, "registered_name": "GetItem",
     "name": "get_item", "inbound_nodes": [{"args": [
       {"class_name": "__keras_tensor__", "config": {"shape": [null, 6],
        "dtype": "float32", "keras_history": ["x", 0, 0]}},
       [{"class_name": "__slice__",
         "config": {"start": null, "stop": null, "step": null}},
        )" +
         second_slice + R"(]], "kwargs": {}}]}],
  "input_layers": [["x", 0, 0]], "output_layers": [["get_item", 0, 0]]},
  "registered_name": "Functional"})";
}

TEST(OpNodeTest, GetItemSlicesAsKeras) {
  auto model = models::model_from_json(get_item_model(
      R"({"class_name": "__slice__", "config": {"start": 1, "stop": 5, "step": null}})"));
  const Tensor y = model->predict(testing::floats({0, 1, 2, 3, 4, 5}, {1, 6}));
  EXPECT_EQ(testing::values_of(y), (std::vector<double>{1, 2, 3, 4}));
}

// fuzz_model_from_json: a __slice__ record without `config` was read
// through a missing key (heap-use-after-free).
TEST(OpNodeTest, GetItemSliceWithoutConfigIsAValueError) {
  testing::expect_error<ValueError>(
      [] {
        models::model_from_json(get_item_model(
            R"({"class_name": "__slice__", "conbig": {"start": 1}})"));
      },
      "GetItem: a __slice__ record has no `config` object.");
}

}  // namespace
}  // namespace keras::ops
