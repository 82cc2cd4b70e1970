#include "keras/legacy/saving/saving_utils.h"

#include <gtest/gtest.h>

#include "keras/models/model.h"
#include "keras/saving/saving_lib.h"
#include "keras/utils/json_utils.h"

namespace keras::legacy::saving {
namespace {

Json dense(const std::string& name, Json extra = Json::object()) {
  Json config = {{"name", name},
                 {"trainable", true},
                 {"dtype", "float32"},
                 {"units", 3},
                 {"activation", "relu"}};
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    config[it.key()] = it.value();
  }
  return {{"class_name", "Dense"}, {"config", config}};
}

TEST(LegacySavingUtils, SequentialFirstLayerGetsInputLayer) {
  // Keras 3 builds InputLayer(shape=batch_input_shape): the saved batch
  // dimension becomes a second free dimension.
  const Json record = model_record_from_legacy_config(
      {{"class_name", "Sequential"},
       {"config",
        {{"name", "seq"},
         {"layers",
          {dense("d0", {{"batch_input_shape", {nullptr, 4}}}),
           dense("d1")}}}}});
  const Json& layers = record["config"]["layers"];
  ASSERT_EQ(layers.size(), 3u);
  EXPECT_EQ(layers[0]["class_name"], "InputLayer");
  EXPECT_EQ(layers[0]["config"]["batch_shape"], Json::parse("[null,null,4]"));
  EXPECT_FALSE(layers[1]["config"].contains("batch_input_shape"));
  EXPECT_FALSE(layers[1]["config"].contains("input_shape"));
  auto model = keras::saving::model_from_record(record, "test", nullptr, false);
  EXPECT_EQ(model->layers().size(), 2u);
  EXPECT_EQ(model->inputs()[0].shape(), (Shape{-1, -1, 4}));
}

TEST(LegacySavingUtils, OldSequentialListConfig) {
  const Json record = model_record_from_legacy_config(
      {{"class_name", "Sequential"},
       {"config", {dense("d0", {{"batch_input_shape", {nullptr, 4}}})}}});
  EXPECT_EQ(record["config"]["name"], "sequential");
  const Json& layers = record["config"]["layers"];
  ASSERT_EQ(layers.size(), 2u);
  // Keras 3 cannot read this form; the batch shape is taken as saved.
  EXPECT_EQ(layers[0]["config"]["batch_shape"], Json::parse("[null,4]"));
}

TEST(LegacySavingUtils, InputLayerBatchInputShape) {
  const Json record = layer_record_from_legacy_config(
      {{"class_name", "InputLayer"},
       {"config", {{"batch_input_shape", {nullptr, 5}}, {"name", "in"}}}});
  EXPECT_EQ(record["config"]["batch_shape"], Json::parse("[null,5]"));
  EXPECT_FALSE(record["config"].contains("batch_input_shape"));
}

TEST(LegacySavingUtils, AxisLists) {
  const auto axis_of = [](Json axis) {
    return layer_record_from_legacy_config(
        {{"class_name", "BatchNormalization"},
         {"config", {{"name", "bn"}, {"axis", axis}}}})["config"];
  };
  EXPECT_EQ(axis_of({3})["axis"], 3);
  EXPECT_EQ(axis_of(-1)["axis"], -1);
  EXPECT_FALSE(axis_of({1, 2}).contains("axis"));  // Keras drops it
}

TEST(LegacySavingUtils, RemovedArguments) {
  const Json lstm = layer_record_from_legacy_config(
      {{"class_name", "LSTM"},
       {"config", {{"name", "l"}, {"units", 2}, {"time_major", false}}}});
  EXPECT_FALSE(lstm["config"].contains("time_major"));
  EXPECT_THROW(layer_record_from_legacy_config(
                   {{"class_name", "LSTM"},
                    {"config", {{"name", "l"}, {"time_major", true}}}}),
               NotImplementedError);
  const Json dw = layer_record_from_legacy_config(
      {{"class_name", "DepthwiseConv2D"},
       {"config", {{"name", "dw"}, {"groups", 1}}}});
  EXPECT_FALSE(dw["config"].contains("groups"));
  // Wrapped layers are converted too.
  const Json bi = layer_record_from_legacy_config(
      {{"class_name", "Bidirectional"},
       {"config",
        {{"name", "b"},
         {"layer",
          {{"class_name", "LSTM"},
           {"config", {{"name", "l"}, {"time_major", false}}}}}}}});
  EXPECT_FALSE(bi["config"]["layer"]["config"].contains("time_major"));
}

TEST(LegacySavingUtils, Keras3RecordsAreLeftAlone) {
  const Json record = {{"module", "keras.layers"},
                       {"class_name", "Dense"},
                       {"config", {{"axis", {1, 2}}}}};
  EXPECT_EQ(layer_record_from_legacy_config(record), record);
}

TEST(LegacySavingUtils, BadRecords) {
  EXPECT_THROW(model_record_from_legacy_config(Json::array()), TypeError);
  EXPECT_THROW(model_record_from_legacy_config({{"config", {}}}), ValueError);
  EXPECT_THROW(model_record_from_legacy_config(
                   {{"class_name", "Sequential"}, {"config", 3}}),
               ValueError);
  EXPECT_THROW(model_record_from_legacy_config(
                   {{"class_name", "Model"}, {"config", {{"name", "m"}}}}),
               ValueError);
  EXPECT_THROW(layer_record_from_legacy_config(
                   {{"class_name", "Dense"}, {"config", "x"}}),
               ValueError);
}

TEST(LegacySavingUtils, DeepNestingConvertsInPlace) {
  Json record = dense("leaf");
  for (int i = 0; i < 300; ++i) {
    record = {{"class_name", "Sequential"},
              {"config",
               {{"name", "s" + std::to_string(i)},
                {"layers", Json::array({record})}}}};
  }
  const Json out = model_record_from_legacy_config(record);
  EXPECT_EQ(out["config"]["name"], "s299");
}

TEST(LegacySavingUtils, TrainingConfig) {
  const Json compile = compile_config_from_training_config(parse_json(
      R"({"optimizer_config": {"class_name": "SGD", "config": {"lr": 0.01,
          "momentum": 0.9, "decay": 0.0, "nesterov": true}},
          "loss": {"class_name": "BinaryCrossentropy", "config":
          {"reduction": "auto", "name": "binary_crossentropy",
           "fn": "binary_crossentropy"}},
          "metrics": ["accuracy"], "loss_weights": null,
          "sample_weight_mode": null})"));
  const Json& opt = compile["optimizer"]["config"];
  EXPECT_EQ(opt["learning_rate"], 0.01);
  EXPECT_FALSE(opt.contains("lr"));
  EXPECT_FALSE(opt.contains("decay"));
  EXPECT_EQ(compile["loss"]["config"]["reduction"], "sum_over_batch_size");
  EXPECT_FALSE(compile["loss"]["config"].contains("fn"));
  EXPECT_EQ(compile["metrics"], Json::parse(R"(["accuracy"])"));
  EXPECT_FALSE(compile.contains("sample_weight_mode"));
  // tf.keras 2.11+: "Custom>Adam" optimizers, per-output metric lists.
  const Json tf = compile_config_from_training_config(parse_json(
      R"({"optimizer_config": {"class_name": "Custom>Adam", "config": {
          "learning_rate": 0.001, "jit_compile": true,
          "is_legacy_optimizer": false}}, "loss": "mae",
          "metrics": [[{"class_name": "MeanMetricWrapper", "config":
          {"name": "mae", "dtype": "float32", "fn": "mean_absolute_error"}}]],
          "weighted_metrics": null, "loss_weights": null})"));
  EXPECT_EQ(tf["optimizer"]["class_name"], "Adam");
  EXPECT_EQ(tf["optimizer"]["config"],
            Json::parse(R"({"learning_rate":0.001})"));
  ASSERT_TRUE(tf["metrics"].is_array());
  EXPECT_EQ(tf["metrics"][0]["class_name"], "MeanMetricWrapper");
  EXPECT_THROW(compile_config_from_training_config(Json::array()), ValueError);
  EXPECT_THROW(compile_config_from_training_config(Json::object()), ValueError);
}

}  // namespace
}  // namespace keras::legacy::saving
