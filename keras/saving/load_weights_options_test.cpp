// model.load_weights(path, {.skip_mismatch, .by_name}) on every weights
// format, against Keras' files (fixtures/weights) and Keras' messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "keras/keras.h"
#include "keras/models/model.h"
#include "keras/saving/file_editor.h"
#include "keras/saving/saving_lib.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/npy.h"

namespace keras::saving {
namespace {

using testing::AllClose;
using testing::expect_error;
using testing::TempDir;

std::string weights_fixture(const std::string& relative) {
  return testing::fixture("weights/" + relative);
}

// Keras' mlp of the weights fixtures: x(6) -> dense(8) -> dense_1(8) ->
// dense_2(3), here with a last layer of `last_units` units (and no bias
// when `last_bias` is false) and optionally an extra Dense(8) named "extra"
// after the first layer.
std::shared_ptr<Model> mlp(std::int64_t last_units, bool last_bias = true,
                           bool extra = false) {
  auto x = Input({6});
  auto h = layers::Dense(8, {.base = {.name = "dense"}})(x);
  if (extra) h = layers::Dense(8, {.base = {.name = "extra"}})(h);
  h = layers::Dense(8, {.base = {.name = "dense_1"}})(h);
  auto y = layers::Dense(
      last_units, {.use_bias = last_bias, .base = {.name = "dense_2"}})(h);
  return std::make_shared<Model>(x, y);
}

// The fixture's weights, by layer name.
std::shared_ptr<Model> legacy_reference() {
  return load_model(weights_fixture("legacy_h5_sequential_mlp/model.h5"),
                    {.compile = false});
}

std::shared_ptr<Model> native_reference() {
  const std::string dir = weights_fixture("save_weights_sequential_mlp/");
  auto model = model_from_json_text(testing::read_text(dir + "model.json"),
                                    "model.json", nullptr, false);
  model->load_weights(dir + "model.weights.h5");
  return model;
}

void expect_layer_equal(const Model& a, const Model& b,
                        const std::string& name) {
  SCOPED_TRACE(name);
  const Variables va = a.get_layer(name)->weights();
  const Variables vb = b.get_layer(name)->weights();
  ASSERT_EQ(va.size(), vb.size());
  for (std::size_t i = 0; i < va.size(); ++i) {
    EXPECT_TRUE(AllClose(va[i]->value(), vb[i]->value(), 0.0, 0.0)) << i;
  }
}

// The layer's values are those `before` held.
void expect_layer_unchanged(const Model& model, const std::string& name,
                            const std::vector<Tensor>& before) {
  SCOPED_TRACE(name);
  const std::vector<Tensor> now = model.get_layer(name)->get_weights();
  ASSERT_EQ(now.size(), before.size());
  for (std::size_t i = 0; i < now.size(); ++i) {
    EXPECT_TRUE(AllClose(now[i], before[i], 0.0, 0.0)) << i;
  }
}

std::vector<Tensor> copy_weights(const Model& model, const std::string& name) {
  std::vector<Tensor> out;
  for (const Tensor& t : model.get_layer(name)->get_weights()) {
    out.push_back(t.clone());
  }
  return out;
}

// ---- legacy .h5, by position ----

TEST(LoadWeightsOptions, LegacyShapeMismatchFailsWithKerasMessage) {
  auto model = mlp(4);
  expect_error<ValueError>(
      [&] {
        model->load_weights(
            weights_fixture("legacy_h5_sequential_mlp/model.h5"));
      },
      "Shape mismatch in layer #2 (named dense_2) for weight");
}

TEST(LoadWeightsOptions, LegacySkipMismatchSkipsWeightsOfAnotherShape) {
  auto model = mlp(4);
  const auto before = copy_weights(*model, "dense_2");
  model->load_weights(weights_fixture("legacy_h5_sequential_mlp/model.h5"),
                      {.skip_mismatch = true});
  const auto reference = legacy_reference();
  expect_layer_equal(*model, *reference, "dense");
  expect_layer_equal(*model, *reference, "dense_1");
  expect_layer_unchanged(*model, "dense_2", before);
}

TEST(LoadWeightsOptions, LegacyWeightCountMismatchIsNotSkipped) {
  // Keras skips only shapes when loading by position, not counts.
  auto model = mlp(3, /*last_bias=*/false);
  expect_error<ValueError>(
      [&] {
        model->load_weights(
            weights_fixture("legacy_h5_sequential_mlp/model.h5"),
            {.skip_mismatch = true});
      },
      "Weight count mismatch for layer #2 (named dense_2 in the current "
      "model, dense_2 in the save file). Layer expects 1 weight(s). Received "
      "2 saved weight(s)");
}

TEST(LoadWeightsOptions, LegacyLayerCountMismatchIsNotSkipped) {
  auto model = mlp(3, true, /*extra=*/true);
  expect_error<ValueError>(
      [&] {
        model->load_weights(
            weights_fixture("legacy_h5_sequential_mlp/model.h5"),
            {.skip_mismatch = true});
      },
      "Layer count mismatch when loading weights from file. Model expected 4 "
      "layers, found 3 saved layers.");
}

// ---- legacy .h5, by name ----

TEST(LoadWeightsOptions, LegacyByNameLoadsLayersOfTheSameName) {
  auto model = mlp(3, true, /*extra=*/true);
  const auto extra = copy_weights(*model, "extra");
  model->load_weights(weights_fixture("legacy_h5_sequential_mlp/model.h5"),
                      {.by_name = true});
  const auto reference = legacy_reference();
  for (const char* name : {"dense", "dense_1", "dense_2"}) {
    expect_layer_equal(*model, *reference, name);
  }
  expect_layer_unchanged(*model, "extra", extra);
  // The loaded layers compute what Keras computed.
  const std::string dir = weights_fixture("save_weights_sequential_mlp/");
  EXPECT_NO_THROW(model->predict(load_npy(dir + "input_0.npy")));
}

TEST(LoadWeightsOptions, LegacyByNameMismatchesFailWithKerasMessages) {
  const std::string path = weights_fixture("legacy_h5_sequential_mlp/model.h5");
  auto no_bias = mlp(3, /*last_bias=*/false);
  expect_error<ValueError>(
      [&] { no_bias->load_weights(path, {.by_name = true}); },
      "Weight count mismatch for layer #2 (named dense_2). Layer expects 1 "
      "weight(s). Received 2 saved weight(s)");
  auto wider = mlp(5);
  expect_error<ValueError>(
      [&] { wider->load_weights(path, {.by_name = true}); },
      "Shape mismatch in layer #2 (named dense_2) for weight");
}

TEST(LoadWeightsOptions, LegacyByNameSkipMismatchSkipsLayers) {
  const std::string path = weights_fixture("legacy_h5_sequential_mlp/model.h5");
  const auto reference = legacy_reference();
  for (auto model : {mlp(3, /*last_bias=*/false), mlp(5)}) {
    const auto before = copy_weights(*model, "dense_2");
    model->load_weights(path, {.skip_mismatch = true, .by_name = true});
    expect_layer_equal(*model, *reference, "dense");
    expect_layer_equal(*model, *reference, "dense_1");
    expect_layer_unchanged(*model, "dense_2", before);
  }
}

// ---- Keras 3 formats ----

TEST(LoadWeightsOptions, NativeMismatchFailsWithKerasMessage) {
  auto model = mlp(4);
  expect_error<ValueError>(
      [&] {
        model->load_weights(
            weights_fixture("save_weights_sequential_mlp/model.weights.h5"));
      },
      "A total of 1 objects could not be loaded");
  auto no_bias = mlp(3, false);
  expect_error<ValueError>(
      [&] {
        no_bias->load_weights(
            weights_fixture("save_weights_sequential_mlp/model.weights.h5"));
      },
      "Layer 'dense_2' expected 1 variables, but received 2 variables during "
      "loading.");
}

TEST(LoadWeightsOptions, NativeSkipMismatchInEveryFormat) {
  const auto reference = native_reference();
  TempDir dir;
  const std::vector<std::string> paths = {
      weights_fixture("save_weights_sequential_mlp/model.weights.h5"),
      dir.file("m.keras"), dir.file("m.weights.json")};
  reference->save(paths[1]);
  reference->save_weights(paths[2], {.max_shard_size = 1e-6});
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    for (auto model : {mlp(4), mlp(3, /*last_bias=*/false)}) {
      const auto before = copy_weights(*model, "dense_2");
      model->load_weights(path, {.skip_mismatch = true});
      expect_layer_equal(*model, *reference, "dense");
      expect_layer_equal(*model, *reference, "dense_1");
      expect_layer_unchanged(*model, "dense_2", before);
    }
  }
}

TEST(LoadWeightsOptions, ByNameIsForLegacyFilesOnly) {
  auto model = mlp(3);
  for (const std::string path :
       {weights_fixture("save_weights_sequential_mlp/model.weights.h5"),
        weights_fixture("sharded_weights/model.weights.json"),
        testing::fixture("guide/a_get_model_fit_save/my_model.keras")}) {
    expect_error<ValueError>(
        [&] { model->load_weights(path, {.by_name = true}); },
        "`by_name` only supports loading legacy '.h5' or '.hdf5' files. "
        "Received: " +
            path);
  }
}

// ---- keras-cpp convert --weights ----

TEST(LoadWeightsOptions, ConvertConfigWithLegacyWeightsByName) {
  TempDir dir;
  const std::string out = dir.file("mlp.keras");
  convert_file(weights_fixture("save_weights_sequential_mlp/model.json"), out,
               {.weights = weights_fixture("legacy_h5_sequential_mlp/model.h5"),
                .by_name = true});
  const std::string legacy = weights_fixture("legacy_h5_sequential_mlp/");
  const Tensor y = load_model(out)->predict(load_npy(legacy + "input_0.npy"));
  EXPECT_TRUE(AllClose(y, load_npy(legacy + "expected_0.npy"), 1e-5, 1e-5));
}

TEST(LoadWeightsOptions, ConvertOptionsNeedAConfigInput) {
  TempDir dir;
  const std::string in =
      testing::fixture("guide/a_get_model_fit_save/my_model.keras");
  expect_error<ValueError>(
      [&] { convert_file(in, dir.file("o.keras"), {.skip_mismatch = true}); },
      "--skip-mismatch and --by-name apply to a config JSON input with "
      "--weights");
  expect_error<ValueError>(
      [&] {
        convert_file(weights_fixture("save_weights_sequential_mlp/model.json"),
                     dir.file("o.keras"),
                     {.weights = weights_fixture(
                          "save_weights_sequential_mlp/model.weights.h5"),
                      .by_name = true});
      },
      "`by_name` only supports loading legacy '.h5' or '.hdf5' files.");
}

}  // namespace
}  // namespace keras::saving
