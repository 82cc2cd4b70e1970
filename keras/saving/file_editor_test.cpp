#include "keras/saving/file_editor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/fixture_cases.h"
#include "keras/testing/test_utils.h"

namespace keras::saving {
namespace {

using keras::testing::expect_predicts_case;
using keras::testing::weights_case;

namespace fs = std::filesystem;
using keras::testing::AllClose;
using keras::testing::expect_error;
using keras::testing::TempDir;
using ::testing::HasSubstr;

const WeightsObject* object_at(const KerasFileEditor& e,
                               const std::string& group) {
  for (const WeightsObject& o : e.objects()) {
    if (o.group == group) return &o;
  }
  return nullptr;
}

TEST(FileEditor, DetectsEveryFixtureFormat) {
  EXPECT_EQ(
      detect_format(weights_case("sharded_weights") + "model.weights.json"),
      FileFormat::weights_sharded);
  EXPECT_EQ(detect_format(weights_case("unzipped_keras_dir") + "model_dir"),
            FileFormat::directory);
  EXPECT_EQ(detect_format(weights_case("legacy_h5_nested_models") + "model.h5"),
            FileFormat::legacy_h5);
  EXPECT_EQ(detect_format(weights_case("save_weights_rnn_stack") +
                          "model.weights.h5"),
            FileFormat::weights_h5);
  EXPECT_EQ(
      detect_format(weights_case("save_weights_rnn_stack") + "model.json"),
      FileFormat::config_json);
  EXPECT_EQ(detect_format(keras::testing::fixture(
                "guide/a_get_model_fit_save/my_model.keras")),
            FileFormat::keras_zip);
  expect_error<FileError>([&] { detect_format("/nonexistent/x.keras"); },
                          "File not found: /nonexistent/x.keras");
}

TEST(FileEditor, OutputFormatFromThePathForm) {
  EXPECT_EQ(output_format_for("a/x.keras"), FileFormat::keras_zip);
  EXPECT_EQ(output_format_for("x.weights.h5"), FileFormat::weights_h5);
  EXPECT_EQ(output_format_for("x.weights.json"), FileFormat::weights_sharded);
  EXPECT_EQ(output_format_for("x.h5"), FileFormat::legacy_h5);
  EXPECT_EQ(output_format_for("x.hdf5"), FileFormat::legacy_h5);
  EXPECT_EQ(output_format_for("out/model_dir"), FileFormat::directory);
  EXPECT_EQ(output_format_for("out/model_dir/"), FileFormat::directory);
  try {
    output_format_for("x.txt");
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Cannot tell the output format"));
  }
}

TEST(FileEditor, ShardsMergeIntoOneObjectPerGroup) {
  KerasFileEditor e(weights_case("sharded_weights") + "model.weights.json");
  EXPECT_EQ(e.shards().size(), 3u);
  EXPECT_TRUE(e.config().is_null());
  const WeightsObject* dense_1 = object_at(e, "layers/dense_1/vars");
  ASSERT_NE(dense_1, nullptr);
  EXPECT_EQ(dense_1->name, "dense_1");  // from shard 0
  ASSERT_EQ(dense_1->weights.size(), 2u);
  EXPECT_EQ(dense_1->weights[0].second.shape(), (Shape{30, 30}));
  EXPECT_EQ(e.objects().front().group, "vars");
}

TEST(FileEditor, LegacyObjectsFollowLayerNames) {
  KerasFileEditor e(weights_case("legacy_h5_sequential_mlp") + "model.h5");
  ASSERT_FALSE(e.config().is_null());
  EXPECT_EQ(e.metadata()["keras_version"], "3.15.1");
  const WeightsObject* dense = object_at(e, "model_weights/dense");
  ASSERT_NE(dense, nullptr);
  ASSERT_EQ(dense->weights.size(), 2u);
  EXPECT_EQ(dense->weights[0].first, "mlp/dense/kernel");
  ASSERT_NE(object_at(e, "optimizer_weights"), nullptr);
  EXPECT_EQ(object_at(e, "optimizer_weights")->weights.size(), 14u);
}

TEST(FileEditor, InspectTextAndJson) {
  KerasFileEditor e(weights_case("sharded_weights") + "model.weights.json");
  std::ostringstream text;
  e.print_summary(text);
  EXPECT_THAT(text.str(), HasSubstr("Format: weights.json (3 shards)"));
  EXPECT_THAT(text.str(), HasSubstr("Weights: 8 variables"));
  EXPECT_THAT(text.str(), HasSubstr("layers/dense/vars ('dense')\n"
                                    "  0: shape=(20, 30), dtype=float32\n"
                                    "  1: shape=(30,), dtype=float32\n"));
  const Json j = e.summary_json();
  EXPECT_EQ(j["format"], "weights.json");
  EXPECT_EQ(j["totals"]["values"], 2429);
  EXPECT_EQ(j["totals"]["bytes"], 9716);
  KerasFileEditor m(
      keras::testing::fixture("guide/a_get_model_fit_save/my_model.keras"));
  std::ostringstream mt;
  m.print_summary(mt);
  EXPECT_THAT(mt.str(), HasSubstr("Saved with: Keras 3.15.1"));
  EXPECT_THAT(mt.str(), HasSubstr("Model: Functional"));
}

TEST(FileEditor, RenameDeleteSetAndSave) {
  const std::string dir = weights_case("sharded_weights");
  KerasFileEditor e(dir + "model.weights.json");
  e.rename_object("dense_3", "head");
  EXPECT_NE(object_at(e, "layers/head/vars"), nullptr);
  EXPECT_EQ(object_at(e, "layers/dense_3/vars"), nullptr);
  e.delete_path("layers/head/vars/1");
  EXPECT_EQ(object_at(e, "layers/head/vars")->weights.size(), 1u);
  e.delete_path("layers/dense_2");
  EXPECT_EQ(object_at(e, "layers/dense_2/vars"), nullptr);
  const Tensor kernel = Tensor::ones({20, 30});
  e.set_weight("layers/dense/vars/0", kernel);
  TempDir tmp;
  e.save(tmp.file("edited.weights.h5"));
  KerasFileEditor back(tmp.file("edited.weights.h5"));
  EXPECT_TRUE(AllClose(object_at(back, "layers/dense/vars")->weights[0].second,
                       kernel, 0, 0));
  EXPECT_EQ(object_at(back, "layers/head/vars")->weights.size(), 1u);
  EXPECT_EQ(object_at(back, "layers/head/vars")->name, "dense_3");
}

TEST(FileEditor, EditErrorsAreClear) {
  KerasFileEditor e(weights_case("sharded_weights") + "model.weights.json");
  try {
    e.rename_object("vars", "x");
    FAIL();
  } catch (const ValueError& err) {
    EXPECT_THAT(err.what(), HasSubstr("occurs more than once"));
  }
  try {
    e.rename_object("nope", "x");
    FAIL();
  } catch (const ValueError& err) {
    EXPECT_THAT(err.what(), HasSubstr("does not appear in the file"));
  }
  expect_error<ValueError>([&] { e.rename_object("dense", "a/b"); },
                           "should be a leaf name, not a full path name");
  expect_error<ValueError>([&] { e.rename_object("dense", "dense_1"); },
                           "Cannot rename 'layers/dense' to 'layers/dense_1': "
                           "that path already exists");
  expect_error<ValueError>([&] { e.delete_path("layers/missing"); },
                           "Path 'layers/missing' not found in the file.");
  try {
    e.set_weight("layers/dense/vars/0", Tensor::ones({3, 3}));
    FAIL();
  } catch (const ValueError& err) {
    EXPECT_THAT(err.what(), HasSubstr("Shape mismatch"));
    EXPECT_THAT(err.what(), HasSubstr("(20, 30)"));
  }
  expect_error<ValueError>(
      [&] { e.set_weight("layers/dense/vars/7", Tensor::ones({3})); },
      "No weight at 'layers/dense/vars/7'");
  TempDir tmp;
  try {
    e.save(tmp.file("m.keras"));
    FAIL();
  } catch (const ValueError& err) {
    EXPECT_THAT(err.what(), HasSubstr("holds only weights"));
  }
}

TEST(FileEditor, ConvertBetweenEveryFormat) {
  TempDir tmp;
  const std::string sharded = weights_case("sharded_weights");
  // model.json + sharded weights -> every output form, each loads back.
  for (const char* out :
       {"m.keras", "m_dir", "m.h5", "m.weights.h5", "m.weights.json"}) {
    SCOPED_TRACE(out);
    convert_file(sharded + "model.json", tmp.file(out),
                 {.weights = sharded + "model.weights.json"});
    std::shared_ptr<Model> model;
    const std::string name = out;
    if (name.find(".weights.") != std::string::npos) {
      model = model_from_json_text(
          keras::testing::read_text(sharded + "model.json"), "model.json",
          nullptr, false);
      model->load_weights(tmp.file(out));
    } else {
      model = load_model(tmp.file(out));
    }
    expect_predicts_case(*model, sharded);
  }
  // Legacy full model and directory inputs.
  const std::string legacy = weights_case("legacy_h5_nested_models");
  convert_file(legacy + "model.h5", tmp.file("nested.keras"));
  expect_predicts_case(*load_model(tmp.file("nested.keras")), legacy);
  const std::string dir = weights_case("unzipped_keras_dir");
  convert_file(dir + "model_dir", tmp.file("conv.h5"));
  expect_predicts_case(*load_model(tmp.file("conv.h5")), dir);
  // Weights only: resharded at file level, same values.
  convert_file(sharded + "model.weights.json", tmp.file("one.weights.h5"));
  std::ostringstream report;
  EXPECT_FALSE(diff_files(KerasFileEditor(sharded + "model.weights.json"),
                          KerasFileEditor(tmp.file("one.weights.h5")), report))
      << report.str();
}

TEST(FileEditor, ConvertErrors) {
  TempDir tmp;
  const std::string sharded = weights_case("sharded_weights");
  expect_error<ValueError>(
      [&] { convert_file(sharded + "model.json", tmp.file("m.keras")); },
      "is a model config without weights");
  expect_error<ValueError>(
      [&] {
        convert_file(sharded + "model.weights.json", tmp.file("m.keras"));
      },
      "it holds only weights, and a keras file needs the model config");
  expect_error<ValueError>(
      [&] { convert_file(sharded + "model.weights.json", tmp.file("m.txt")); },
      "Cannot tell the output format from");
  expect_error<ValueError>(
      [&] {
        convert_file(sharded + "model.weights.json", tmp.file("m.weights.h5"),
                     {.max_shard_size = 1.0});
      },
      "--max-shard-size applies to a .weights.json output");
  expect_error<FileError>(
      [&] { convert_file("/nonexistent.keras", tmp.file("m.keras")); },
      "File not found: /nonexistent.keras");
}

TEST(FileEditor, DiffReportsConfigAndWeightDifferences) {
  const std::string dir = weights_case("sharded_weights");
  KerasFileEditor a(dir + "model.weights.json");
  std::ostringstream same;
  EXPECT_FALSE(diff_files(a, a, same));
  EXPECT_THAT(same.str(), HasSubstr("layers/dense/vars/0: max abs error 0"));
  KerasFileEditor b(dir + "model.weights.json");
  b.set_weight("layers/dense_3/vars/1", Tensor::ones({5}));
  b.delete_path("layers/dense/vars/1");
  std::ostringstream report;
  EXPECT_TRUE(diff_files(a, b, report));
  EXPECT_THAT(report.str(), HasSubstr("layers/dense/vars/1: only in A"));
  EXPECT_THAT(report.str(), HasSubstr("layers/dense_3/vars/1: max abs error"));
  const std::string mlp = weights_case("legacy_h5_sequential_mlp");
  const std::string conv = weights_case("legacy_h5_functional_conv_bn");
  std::ostringstream configs;
  EXPECT_TRUE(diff_files(KerasFileEditor(mlp + "model.h5"),
                         KerasFileEditor(conv + "model.h5"), configs));
  EXPECT_THAT(configs.str(), HasSubstr("config.class_name"));
}

TEST(FileEditor, VerifyReportsPerOutputError) {
  const std::string dir = weights_case("unzipped_keras_dir");
  auto model = load_model(dir + "model_dir");
  std::ostringstream ok;
  EXPECT_TRUE(verify_model(*model, dir, dir, {.rtol = 1e-5, .atol = 1e-5}, ok));
  EXPECT_THAT(ok.str(), HasSubstr("output 0 (dense): shape (2, 2), max abs "
                                  "error"));
  EXPECT_THAT(ok.str(), HasSubstr("OK"));
  TempDir tmp;
  save_npy(tmp.file("expected_0.npy"),
           ops::add(load_npy(dir + "expected_0.npy"), Tensor::ones({2, 2})));
  std::ostringstream bad;
  EXPECT_FALSE(verify_model(*model, dir, tmp.path().string(), {}, bad));
  EXPECT_THAT(bad.str(), HasSubstr("MISMATCH"));
  expect_error<FileError>(
      [&] { verify_model(*model, tmp.path().string(), dir, {}, bad); },
      "File not found: " + (tmp.path() / "input_0.npy").string());
}

}  // namespace
}  // namespace keras::saving
