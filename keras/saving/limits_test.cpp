// Load limits (keras/saving/limits.h): each cap of Limits is reachable from
// load_model / load_weights and refuses with a keras::Error naming it; hostile
// configs cannot make layers allocate absurd weights.
#include "keras/saving/limits.h"

#include <gtest/gtest.h>

#include <string>

#include "keras/keras.h"
#include "keras/layers/convolutional/conv2d.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::saving {
namespace {

using testing::expect_error;
using testing::TempDir;

std::shared_ptr<Model> small_model() {
  auto inputs = Input({4});
  auto outputs = layers::Dense(3)(inputs);
  return std::make_shared<Model>(inputs, outputs);
}

// The model JSON with the Dense layer's units replaced by `units`.
std::string json_with_units(const std::string& units) {
  std::string json = small_model()->to_json();
  const std::string key = "\"units\": 3";
  const auto at = json.find(key);
  EXPECT_NE(at, std::string::npos) << json;
  return json.replace(at, key.size(), "\"units\": " + units);
}

TEST(LimitsTest, HugeWeightFromConfigIsRefusedBeforeAllocating) {
  expect_error<ValueError>(
      [] {
        model_from_json_text(json_with_units("1000000000000"), "test config",
                             nullptr, false);
      },
      "Limits::max_variable_bytes");
}

TEST(LimitsTest, OverflowingWeightShapeIsAValueError) {
  // 4 x 2^62 elements overflow int64.
  expect_error<ValueError>(
      [] {
        model_from_json_text(json_with_units("4611686018427387904"),
                             "test config", nullptr, false);
      },
      "too large");
}

TEST(LimitsTest, NegativeUnitsInConfigIsAValueError) {
  expect_error<ValueError>(
      [] {
        model_from_json_text(json_with_units("-5"), "test config", nullptr,
                             false);
      },
      "Received: units=-5");
}

TEST(LimitsTest, TotalWeightBudgetIsConfigurable) {
  Limits limits;
  limits.max_total_variable_bytes = 40;  // kernel 4x3 float32 = 48 bytes
  expect_error<ValueError>(
      [&] {
        model_from_json_text(json_with_units("3"), "test config", nullptr,
                             false, limits);
      },
      "Limits::max_total_variable_bytes");
  limits.max_total_variable_bytes = 60;  // kernel + bias = 60 bytes
  EXPECT_NO_THROW(model_from_json_text(json_with_units("3"), "test config",
                                       nullptr, false, limits));
}

TEST(LimitsTest, AbsurdKernelSizeIsRefused) {
  auto inputs = Input({4096, 4096, 3});
  auto outputs = layers::Conv2D(64, {3, 3})(inputs);
  std::string json = Model(inputs, outputs).to_json();
  const std::string key = "\"kernel_size\": [3, 3]";
  const auto at = json.find(key);
  ASSERT_NE(at, std::string::npos) << json;
  json.replace(at, key.size(), "\"kernel_size\": [3000, 3000]");
  expect_error<ValueError>(
      [&] { model_from_json_text(json, "test config", nullptr, false); },
      "max_variable_bytes");
}

TEST(LimitsTest, TensorByteSizeOverflowIsAValueError) {
  expect_error<ValueError>(
      [] { Tensor::zeros({std::int64_t{1} << 62}, DType::float32); },
      "too large");
}

TEST(LimitsTest, JsonDepthAndSizeAreOptionsOfLoadModel) {
  TempDir dir;
  const std::string path = dir.file("m.keras");
  small_model()->save(path);
  LoadOptions depth;
  depth.limits.json.max_depth = 3;
  expect_error<FormatError>([&] { load_model(path, depth); }, "");
  LoadOptions size;
  size.limits.json.max_bytes = 100;
  expect_error<Error>([&] { load_model(path, size); }, "");
  EXPECT_NO_THROW(load_model(path));
}

TEST(LimitsTest, ZipAndHdf5CapsAreOptionsOfLoadModel) {
  TempDir dir;
  const std::string path = dir.file("m.keras");
  small_model()->save(path);
  LoadOptions zip;
  zip.limits.zip.max_member_bytes = 100;
  expect_error<FormatError>([&] { load_model(path, zip); }, "");
  LoadOptions h5;
  h5.limits.h5.max_dataset_bytes = 8;
  expect_error<FormatError>([&] { load_model(path, h5); }, "");
}

TEST(LimitsTest, CapsAreOptionsOfLoadWeights) {
  TempDir dir;
  auto model = small_model();
  const std::string weights = dir.file("m.weights.h5");
  save_weights(*model, weights);
  LoadWeightsOptions file;
  file.limits.max_weights_file_bytes = 16;
  expect_error<FileError>([&] { load_weights(*model, weights, file); }, "");
  LoadWeightsOptions h5;
  h5.limits.h5.max_dataset_bytes = 8;
  expect_error<FormatError>([&] { load_weights(*model, weights, h5); }, "");
  const std::string keras_file = dir.file("m.keras");
  model->save(keras_file);
  LoadWeightsOptions zip;
  zip.limits.zip.max_total_bytes = 100;
  expect_error<FormatError>([&] { load_weights(*model, keras_file, zip); }, "");
  EXPECT_NO_THROW(load_weights(*model, weights));
}

TEST(LimitsTest, BudgetScopesNestAndEndWithTheLoad) {
  Limits tight;
  tight.max_variable_bytes = 4;
  {
    WeightBudgetScope scope(tight, "outer");
    expect_error<ValueError>(
        [] {
          layers::Dense(3)->build({Shape{-1, 4}});
        },
        "outer");
  }
  // Outside any scope, layers are unlimited.
  EXPECT_NO_THROW(small_model());
}

}  // namespace
}  // namespace keras::saving
