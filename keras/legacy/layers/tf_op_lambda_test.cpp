#include "keras/legacy/layers/tf_op_lambda.h"

#include <gtest/gtest.h>

#include <string>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

// A tf.keras 2 layer record with one inbound node: a list of
// [name, node, tensor, kwargs] entries, or (TFOpLambda) one bare entry.
Json tf_layer(const std::string& class_name, const std::string& name,
              const std::string& function, const Json& inbound) {
  return {{"class_name", class_name},
          {"config",
           {{"name", name},
            {"trainable", true},
            {"dtype", "float32"},
            {"function", function}}},
          {"name", name},
          {"inbound_nodes", Json::array({inbound})}};
}

Json input_layer(const std::string& name) {
  return {{"class_name", "InputLayer"},
          {"config",
           {{"batch_input_shape", {nullptr, 4}},
            {"dtype", "float32"},
            {"sparse", false},
            {"ragged", false},
            {"name", name}}},
          {"name", name},
          {"inbound_nodes", Json::array()}};
}

Json entry(const std::string& from, Json kwargs) {
  return Json::array({from, 0, 0, std::move(kwargs)});
}

Json ref(const std::string& from) { return Json::array({from, 0, 0}); }

// What tf.keras 2.15 wrote for
//   s = x + y; m = tf.math.multiply(2.0, s)
//   t = tf.transpose(tf.reshape(m, [-1, 2, 2]), [0, 2, 1])[:, 0]
//   out = tf.concat([t, tf.reduce_mean(m, axis=-1, keepdims=True)], -1)
std::string tf_keras_model_json(const std::string& add_function) {
  Json layers = Json::array(
      {input_layer("input_1"), input_layer("input_2"),
       tf_layer("TFOpLambda", "tf.__operators__.add", add_function,
                Json::array({entry(
                    "input_1", {{"y", ref("input_2")}, {"name", nullptr}})})),
       // A constant first argument, written as tf.keras' bare entry.
       tf_layer("TFOpLambda", "tf.math.multiply", "math.multiply",
                Json::array(
                    {"_CONSTANT_VALUE",
                     -1,
                     2.0,
                     {{"y", ref("tf.__operators__.add")}, {"name", nullptr}}})),
       tf_layer("TFOpLambda", "tf.reshape", "reshape",
                entry("tf.math.multiply",
                      {{"shape", {-1, 2, 2}}, {"name", nullptr}})),
       tf_layer("TFOpLambda", "tf.compat.v1.transpose", "compat.v1.transpose",
                Json::array({entry("tf.reshape",
                                   {{"perm", {0, 2, 1}}, {"name", nullptr}})})),
       tf_layer(
           "SlicingOpLambda", "tf.__operators__.getitem",
           "__operators__.getitem",
           Json::array({entry("tf.compat.v1.transpose",
                              {{"slice_spec", Json::array({{{"start", nullptr},
                                                            {"stop", nullptr},
                                                            {"step", nullptr}},
                                                           0})}})})),
       tf_layer("TFOpLambda", "tf.math.reduce_mean", "math.reduce_mean",
                Json::array({entry(
                    "tf.math.multiply",
                    {{"axis", -1}, {"keepdims", true}, {"name", nullptr}})})),
       tf_layer("TFOpLambda", "tf.concat", "concat",
                Json::array({entry("tf.__operators__.getitem",
                                   {{"axis", -1}, {"name", nullptr}}),
                             entry("tf.math.reduce_mean",
                                   {{"axis", -1}, {"name", nullptr}})}))});
  Json model = {
      {"class_name", "Functional"},
      {"config",
       {{"name", "model"},
        {"layers", layers},
        {"input_layers", Json::array({ref("input_1"), ref("input_2")})},
        {"output_layers", Json::array({ref("tf.concat")})}}},
      {"keras_version", "2.15.0"},
      {"backend", "tensorflow"}};
  return model.dump();
}

TEST(TFOpLambdaTest, RunsTfKerasLambdasAsKerasOps) {
  auto model =
      models::model_from_json(tf_keras_model_json("__operators__.add"));
  const Tensor x = Tensor::from_vector<float>({1, 2, 3, 4}, {1, 4});
  const Tensor y = Tensor::from_vector<float>({1, 1, 1, 1}, {1, 4});
  const Tensor out = model->predict(Tensors{x, y})[0];
  EXPECT_TRUE(testing::AllClose(
      out, Tensor::from_vector<float>({4, 8, 7}, {1, 3}), 1e-6, 1e-6));
  // The records re-serialize with tf.keras' keys.
  const Json config = model->get_config();
  EXPECT_EQ(config["layers"][2]["class_name"], "TFOpLambda");
  EXPECT_EQ(config["layers"][2]["config"]["function"], "__operators__.add");
  EXPECT_EQ(config["layers"][6]["class_name"], "SlicingOpLambda");
}

TEST(TFOpLambdaTest, UnknownFunctionIsRefusedNamingIt) {
  testing::expect_error<NotImplementedError>(
      [] { models::model_from_json(tf_keras_model_json("math.bessel_i0")); },
      "calls tf.math.bessel_i0, a TensorFlow function keras.cpp has no "
      "Keras op for");
}

TEST(TFOpLambdaTest, UnexpectedKeywordArgumentIsTypeError) {
  legacy::layers::TFOpLambdaLayer layer("TFOpLambda", "math.multiply",
                                        {.name = "tf.math.multiply"});
  CallContext ctx;
  ctx.kwargs = {{"z", 1.0}};
  testing::expect_error<TypeError>(
      [&] { layer.call({Tensor::from_vector<float>({1}, {1})}, ctx); },
      "tf.math.multiply got an unexpected keyword argument 'z'");
  ctx.kwargs = Json::object();
  testing::expect_error<TypeError>(
      [&] { layer.call({Tensor::from_vector<float>({1}, {1})}, ctx); },
      "tf.math.multiply is missing its argument 'y'");
}

}  // namespace
}  // namespace keras
