// Runs the keras-cpp binary as users and the outside checks do.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "keras/testing/fixture_cases.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/json_utils.h"
#include "keras/utils/npy.h"

#ifndef KERAS_CLI_PATH
#define KERAS_CLI_PATH "keras-cpp"
#endif
#ifndef KERAS_GUIDE_PLUGIN_PATH
#define KERAS_GUIDE_PLUGIN_PATH "libguide_objects.so"
#endif

namespace keras {
namespace {

using testing::fixture;
using ::testing::HasSubstr;
using ::testing::Not;

struct CliRun {
  int status;
  std::string output;  // stdout + stderr
};

CliRun run_cli(const std::string& args) {
  const std::string command =
      std::string(KERAS_CLI_PATH) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

TEST(CliTest, PredictWritesOutputs) {
  testing::TempDir out;
  const std::string dir = fixture("guide/a_get_model_fit_save/");
  CliRun r = run_cli("predict " + dir + "my_model.keras -i " + dir +
                     "input_0.npy -o " + out.path().string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(testing::AllClose(load_npy(out.file("output_0.npy")),
                                load_npy(dir + "expected_0.npy"), 1e-5, 1e-6));
}

TEST(CliTest, SummaryPrintsKerasTable) {
  CliRun r = run_cli("summary " +
                     fixture("guide/a_get_model_fit_save/my_model.keras"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.output, testing::read_text(
                          fixture("guide/a_get_model_fit_save/summary.txt")));
}

TEST(CliTest, ConvertWritesALoadableFile) {
  testing::TempDir out;
  const std::string dir = fixture("guide/a_get_model_fit_save/");
  CliRun r =
      run_cli("convert " + dir + "my_model.keras " + out.file("m.keras"));
  ASSERT_EQ(r.status, 0) << r.output;
  CliRun p = run_cli("predict " + out.file("m.keras") + " -i " + dir +
                     "input_0.npy -o " + out.path().string());
  ASSERT_EQ(p.status, 0) << p.output;
  EXPECT_TRUE(testing::AllClose(load_npy(out.file("output_0.npy")),
                                load_npy(dir + "expected_0.npy"), 1e-5, 1e-6));
}

// The guide's custom objects as a plugin: files written by Python with
// 'MyLayers>CustomLayer', 'my_package>custom_fn', 'MyLayers>KernelMult' and
// 'ComplexModels>CustomModel' load, predict and print Keras' summary.
TEST(CliTest, PluginRegistersTheGuideObjects) {
  const std::string plugin =
      std::string("--plugin ") + KERAS_GUIDE_PLUGIN_PATH + " ";
  for (const char* c : {"guide/b_custom_layer_and_fn/custom_model.keras",
                        "guide/b2_custom_layer_default_package/"
                        "custom_model.keras",
                        "guide/h_custom_model_functional_config/model.keras"}) {
    const std::string file = fixture(c);
    const std::string dir = file.substr(0, file.rfind('/') + 1);
    testing::TempDir out;
    CliRun r = run_cli(plugin + "predict " + file + " -i " + dir +
                       "input_0.npy -o " + out.path().string());
    ASSERT_EQ(r.status, 0) << c << ": " << r.output;
    EXPECT_TRUE(testing::AllClose(load_npy(out.file("output_0.npy")),
                                  load_npy(dir + "expected_0.npy"), 1e-5, 1e-6))
        << c;
    CliRun s = run_cli(plugin + "summary " + file);
    ASSERT_EQ(s.status, 0) << s.output;
    EXPECT_EQ(s.output, testing::read_text(dir + "summary.txt")) << c;
  }
}

TEST(CliTest, WithoutThePluginCustomObjectsAreNamed) {
  CliRun r = run_cli("summary " +
                     fixture("guide/b_custom_layer_and_fn/custom_model.keras"));
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.output, HasSubstr("MyLayers>CustomLayer"));
  EXPECT_THAT(r.output, HasSubstr("--plugin"));
}

TEST(CliTest, MissingPluginIsAnError) {
  CliRun r = run_cli("--plugin /nonexistent/libx.so summary x.keras");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.output, HasSubstr("Cannot load plugin"));
}

TEST(CliTest, ErrorsExitOneWithOneLine) {
  for (const char* bad :
       {"bad/not_a_zip/model.keras", "bad/zip_missing_config_json/model.keras",
        "bad/config_unknown_class_name/model.keras",
        "bad/empty_file/model.keras"}) {
    CliRun r = run_cli("summary " + fixture(bad));
    EXPECT_EQ(r.status, 1) << bad << ": " << r.output;
    EXPECT_THAT(r.output, HasSubstr("keras-cpp: error: ")) << bad;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1)
        << r.output;
  }
  CliRun missing = run_cli("summary /nonexistent.keras");
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.output, HasSubstr("File not found"));
}

TEST(CliTest, HelpExitsZero) {
  EXPECT_EQ(run_cli("--help").status, 0);
  EXPECT_EQ(run_cli("predict --help").status, 0);
}

// Issue 7's contract: predict on a hostile or broken file exits 1 with one
// line, "keras-cpp: error: ...".
TEST(CliTest, BadFilesExitOneWithOneLine) {
  const std::string input = fixture("bad/valid_reference/input_0.npy");
  for (const std::string& name : testing::fixture_cases("bad")) {
    const Json spec = testing::read_json(fixture("bad/" + name + "/case.json"));
    if (spec["expected"] != "error" ||
        spec.value("load_with", "") != "keras.saving.load_model") {
      continue;
    }
    SCOPED_TRACE(name);
    testing::TempDir out;
    const CliRun r =
        run_cli("predict " + fixture("bad/" + name + "/model.keras") + " -i " +
                input + " -o " + out.path().string());
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_THAT(r.output, ::testing::StartsWith("keras-cpp: error: "));
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1)
        << r.output;
  }
}

// ---- the file tool (issue 6): the exact forms outside checks use ----

std::string weights_case(const std::string& name) {
  return fixture("weights/" + name + "/");
}

TEST(CliTest, InspectPrintsTreeAndJson) {
  const std::string index =
      weights_case("sharded_weights") + "model.weights.json";
  CliRun r = run_cli("inspect " + index);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("Format: weights.json (3 shards)"));
  EXPECT_THAT(r.output, HasSubstr("  0: shape=(20, 30), dtype=float32"));
  CliRun j = run_cli("inspect " + index + " --json");
  ASSERT_EQ(j.status, 0) << j.output;
  const Json parsed = parse_json(j.output);
  EXPECT_EQ(parsed["totals"]["variables"], 8);
  for (const char* file :
       {"legacy_h5_functional_conv_bn/model.h5", "unzipped_keras_dir/model_dir",
        "save_weights_rnn_stack/model.weights.h5"}) {
    CliRun each = run_cli("inspect " + weights_case("") + file);
    EXPECT_EQ(each.status, 0) << file << ": " << each.output;
  }
}

TEST(CliTest, DiffExitsOneOnDifferences) {
  const std::string a =
      weights_case("save_weights_sequential_mlp") + "model.weights.h5";
  const std::string b =
      weights_case("save_weights_with_optimizer_state") + "model.weights.h5";
  CliRun same = run_cli("diff " + a + " " + a);
  EXPECT_EQ(same.status, 0) << same.output;
  EXPECT_THAT(same.output, HasSubstr("files match"));
  CliRun differ = run_cli("diff " + a + " " + b);
  EXPECT_EQ(differ.status, 1) << differ.output;
  EXPECT_THAT(differ.output, HasSubstr("layers/dense/vars/0: max abs error"));
  EXPECT_THAT(differ.output, HasSubstr("optimizer/vars/0: only in B"));
}

TEST(CliTest, EditRenameDeleteSet) {
  testing::TempDir out;
  const std::string dir = weights_case("sharded_weights");
  save_npy(out.file("bias.npy"), Tensor::ones({5}));
  CliRun r =
      run_cli("edit " + dir +
              "model.weights.json --rename dense_2 mid "
              "--delete layers/dense/vars/1 --set layers/dense_3/vars/1=" +
              out.file("bias.npy") + " -o " + out.file("e.weights.h5"));
  ASSERT_EQ(r.status, 0) << r.output;
  CliRun i = run_cli("inspect " + out.file("e.weights.h5"));
  EXPECT_THAT(i.output, HasSubstr("layers/mid/vars ('dense_2')"));
  EXPECT_THAT(i.output, Not(HasSubstr("layers/dense_2/")));
  CliRun bad =
      run_cli("edit " + dir +
              "model.weights.json --set "
              "layers/dense/vars/0=" +
              out.file("bias.npy") + " -o " + out.file("x.weights.h5"));
  EXPECT_EQ(bad.status, 1);
  EXPECT_THAT(bad.output, HasSubstr("Shape mismatch"));
}

TEST(CliTest, VerifyPrintsPerOutputErrorAndExitsOneOnMismatch) {
  const std::string dir = weights_case("unzipped_keras_dir");
  CliRun ok = run_cli("verify " + dir + "model_dir --inputs " + dir +
                      " --expected " + dir + " --atol 1e-5");
  EXPECT_EQ(ok.status, 0) << ok.output;
  EXPECT_THAT(ok.output,
              HasSubstr("output 0 (dense): shape (2, 2), max abs error"));
  const std::string other = weights_case("legacy_h5_functional_conv_bn");
  CliRun bad = run_cli("verify " + dir + "model_dir --inputs " + dir +
                       " --expected " + other + " --rtol 0 --atol 0");
  EXPECT_EQ(bad.status, 1) << bad.output;
  EXPECT_THAT(bad.output, HasSubstr("MISMATCH"));
}

TEST(CliTest, ConvertChoosesFormatFromOutput) {
  testing::TempDir out;
  const std::string dir = weights_case("sharded_weights");
  CliRun r = run_cli("convert " + dir + "model.json " + out.file("m.keras") +
                     " --weights " + dir + "model.weights.json");
  ASSERT_EQ(r.status, 0) << r.output;
  CliRun d = run_cli("convert " + out.file("m.keras") + " " + out.file("mdir"));
  ASSERT_EQ(d.status, 0) << d.output;
  EXPECT_TRUE(std::filesystem::exists(out.file("mdir/config.json")));
  CliRun h = run_cli("convert " + out.file("mdir") + " " + out.file("m.h5"));
  ASSERT_EQ(h.status, 0) << h.output;
  EXPECT_THAT(h.output, HasSubstr("This file format is considered legacy"));
  CliRun s = run_cli("convert " + out.file("m.h5") + " " +
                     out.file("w.weights.json") + " --max-shard-size 0.005");
  ASSERT_EQ(s.status, 0) << s.output;
  EXPECT_TRUE(std::filesystem::exists(out.file("w_00001.weights.h5")));
  CliRun v = run_cli("verify " + out.file("m.h5") + " --inputs " + dir +
                     " --expected " + dir);
  EXPECT_EQ(v.status, 0) << v.output;
  CliRun bad =
      run_cli("convert " + out.file("m.keras") + " " + out.file("m.txt"));
  EXPECT_EQ(bad.status, 1);
  EXPECT_THAT(bad.output, HasSubstr("Cannot tell the output format"));
}

// `keras-cpp fit` reproduces Keras' optimizer fixtures: from the file saved
// after epoch 2, one epoch without shuffling gives Keras' final weights;
// from the initial weights (fresh optimizer), three epochs give them too,
// with Keras' per-epoch losses.
TEST(CliTest, FitReproducesOptimizerFixture) {
  const std::string dir = fixture("optimizers/adam/");
  const Json spec = testing::read_json(dir + "case.json");
  const double rtol = spec["tolerance"]["rtol"],
               atol = spec["tolerance"]["atol"];
  testing::TempDir out;
  auto expect_final = [&](const std::string& model_file) {
    auto model = saving::load_model(model_file);
    const auto weights = model->get_weights();
    ASSERT_EQ(weights.size(), 4u);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      EXPECT_TRUE(testing::AllClose(
          weights[i], load_npy(dir + "expected_" + std::to_string(i) + ".npy"),
          rtol, atol))
          << model_file << " weight " << i;
    }
  };
  const std::string data = " -x " + dir + "input_0.npy -y " + dir +
                           "input_1.npy --batch-size 4 --no-shuffle";
  CliRun resumed =
      run_cli("fit " + dir + "model_epoch2.keras" + data +
              " --epochs 1 --verbose 0 -o " + out.file("resumed.keras"));
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  expect_final(out.file("resumed.keras"));

  CliRun full =
      run_cli("fit " + dir + "model_epoch2.keras" + data +
              " --epochs 3 --weights " + dir + "initial.weights.h5 --history " +
              out.file("history.json") + " -o " + out.file("full.keras"));
  ASSERT_EQ(full.status, 0) << full.output;
  expect_final(out.file("full.keras"));
  // Not a terminal: one line per epoch.
  EXPECT_THAT(full.output, HasSubstr("Epoch 3/3\n4/4 - "));
  const Json history = testing::read_json(out.file("history.json"));
  const Json keras_history = testing::read_json(dir + "history.json");
  ASSERT_EQ(history["loss"].size(), 3u);
  for (std::size_t e = 0; e < 3; ++e) {
    EXPECT_NEAR(history["loss"][e].get<double>(),
                keras_history["uninterrupted"]["loss"][e].get<double>(), 1e-5)
        << "epoch " << e + 1;
  }
}

TEST(CliTest, FitErrors) {
  const std::string dir = fixture("optimizers/adam/");
  testing::TempDir out;
  CliRun split = run_cli(
      "fit " + dir + "model_epoch2.keras -x " + dir + "input_0.npy -y " + dir +
      "input_1.npy --validation-split 1.5 -o " + out.file("m.keras"));
  EXPECT_EQ(split.status, 1);
  EXPECT_THAT(split.output,
              HasSubstr("`validation_split` must be between 0 and 1"));
  CliRun mismatch = run_cli("fit " + dir + "model_epoch2.keras -x " + dir +
                            "input_0.npy -y " +
                            fixture("losses_metrics/"
                                    "compiled_model_loss_weights_metrics/"
                                    "input_1.npy") +
                            " -o " + out.file("m.keras"));
  EXPECT_EQ(mismatch.status, 1);
  EXPECT_THAT(mismatch.output, HasSubstr("Data cardinality is ambiguous"));
  CliRun uncompiled = run_cli(
      "fit " + fixture("bad/valid_reference/model.keras") + " -x " + dir +
      "input_0.npy -y " + dir + "input_1.npy -o " + out.file("m.keras"));
  EXPECT_EQ(uncompiled.status, 1);
  EXPECT_FALSE(std::filesystem::exists(out.file("m.keras")));
}

// model.json + legacy .h5 weights matched by name, written for Keras 3.0;
// the options need a config input.
TEST(CliTest, ConvertLoadWeightsOptionsAndKerasVersion) {
  testing::TempDir out;
  const std::string config = weights_case("save_weights_sequential_mlp");
  const std::string legacy = weights_case("legacy_h5_sequential_mlp");
  CliRun r = run_cli("convert " + config + "model.json " + out.file("m.keras") +
                     " --weights " + legacy +
                     "model.h5 --by-name --skip-mismatch --keras-version 3.0");
  ASSERT_EQ(r.status, 0) << r.output;
  CliRun i = run_cli("inspect " + out.file("m.keras") + " --json");
  EXPECT_THAT(i.output, HasSubstr("\"keras_version\": \"3.0.0\""));
  CliRun v = run_cli("verify " + out.file("m.keras") + " --inputs " + legacy +
                     " --expected " + legacy + " --atol 1e-5");
  EXPECT_EQ(v.status, 0) << v.output;
  CliRun bad = run_cli("convert " + out.file("m.keras") + " " +
                       out.file("n.keras") + " --skip-mismatch");
  EXPECT_EQ(bad.status, 1);
  EXPECT_THAT(bad.output,
              HasSubstr("--skip-mismatch and --by-name apply to a config JSON "
                        "input with --weights"));
  CliRun version = run_cli("convert " + out.file("m.keras") + " " +
                           out.file("n.keras") + " --keras-version 2.15");
  EXPECT_EQ(version.status, 1);
  EXPECT_THAT(version.output,
              HasSubstr("keras_version must name a Keras release from 3.0"));
}

}  // namespace
}  // namespace keras
