// save_model(..., {.keras_version = "3.N"}): configs as older Keras 3
// releases write them, checked against files those releases wrote (corpus).
#include "keras/saving/keras_version_compat.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "keras/keras.h"
#include "keras/models/model.h"
#include "keras/saving/file_editor.h"
#include "keras/saving/saving_lib.h"
#include "keras/saving/zip_archive.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/json_utils.h"

namespace keras::saving {
namespace {

namespace fs = std::filesystem;
using testing::AllClose;
using testing::expect_error;
using testing::TempDir;

Json read_member(const std::string& path, const std::string& member) {
  ZipReader zip(path);
  return parse_json(zip.read(member), path + " (" + member + ")");
}

// class_name -> the sorted config keys of its records (and "<record>" ->
// the record keys), over a whole config.
using KeySets = std::map<std::string, std::set<std::vector<std::string>>>;

void collect_keys(const Json& value, KeySets& out) {
  if (value.is_array()) {
    for (const Json& item : value) collect_keys(item, out);
    return;
  }
  if (!value.is_object()) return;
  if (value.contains("class_name") && value["class_name"].is_string() &&
      value.contains("config") && value["config"].is_object()) {
    std::vector<std::string> keys;
    for (const auto& [key, item] : value["config"].items()) keys.push_back(key);
    std::sort(keys.begin(), keys.end());
    out[value["class_name"].get<std::string>()].insert(keys);
  }
  for (const auto& [key, item] : value.items()) collect_keys(item, out);
}

std::string join(const std::vector<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) out += (out.empty() ? "" : ",") + k;
  return out;
}

struct CorpusFile {
  std::string file;
  std::string version;
};

// The corpus' .keras files from Keras 3.0-3.3 that Keras 3.15 loads.
std::vector<CorpusFile> old_corpus_files() {
  std::vector<CorpusFile> out;
  std::ifstream manifest(testing::shared_path("corpus/MANIFEST.tsv"));
  std::string line;
  std::getline(manifest, line);
  while (std::getline(manifest, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (cols.size() < 14 || cols[4] != "keras_zip" || cols[13] != "ok" ||
        cols[5].rfind("3.", 0) != 0) {
      continue;
    }
    const int minor = target_keras_minor(cols[5]);
    if (minor <= 3) out.push_back({cols[0], cols[5]});
  }
  return out;
}

// Saving a corpus file for the release that wrote it gives the keys that
// release wrote, for every class in it; the result loads back here with the
// same outputs.
TEST(KerasVersionCompat, SavedConfigsMatchWhatOldReleasesWrote) {
  const auto files = old_corpus_files();
  if (files.empty()) GTEST_SKIP() << "no corpus";
  std::size_t compared = 0;
  for (const CorpusFile& c : files) {
    SCOPED_TRACE(c.file + " (Keras " + c.version + ")");
    const std::string path = testing::shared_path("corpus/files/" + c.file);
    auto model = load_model(path, {.compile = false});
    TempDir dir;
    const std::string out = dir.file("old.keras");
    const std::string target = c.version.substr(0, c.version.rfind('.'));
    save_model(*model, out, {.keras_version = target});
    EXPECT_EQ(read_member(out, "metadata.json")["keras_version"],
              target + ".0");
    KeySets theirs, ours;
    collect_keys(read_member(path, "config.json"), theirs);
    collect_keys(read_member(out, "config.json"), ours);
    for (const auto& [cls, key_sets] : ours) {
      if (!theirs.count(cls)) continue;
      for (const auto& keys : key_sets) {
        EXPECT_TRUE(theirs[cls].count(keys))
            << cls << " keys " << join(keys) << " vs Keras' "
            << join(*theirs[cls].begin());
        ++compared;
      }
    }
    auto back = load_model(out, {.compile = false});
    ASSERT_EQ(back->weights().size(), model->weights().size());
    for (std::size_t i = 0; i < model->weights().size(); ++i) {
      EXPECT_TRUE(AllClose(back->weights()[i]->value(),
                           model->weights()[i]->value(), 0.0, 0.0));
    }
  }
  EXPECT_GT(compared, 20u);
}

Json record(const std::string& cls, Json config) {
  return {{"module", "keras.layers"},
          {"class_name", cls},
          {"config", std::move(config)},
          {"registered_name", nullptr}};
}

Json policy(const std::string& name) {
  return {{"module", "keras"},
          {"class_name", "DTypePolicy"},
          {"config", {{"name", name}}},
          {"registered_name", nullptr}};
}

TEST(KerasVersionCompat, DtypePoliciesAreNamesBefore34) {
  const Json dense =
      record("Dense",
             {{"name", "d"}, {"dtype", policy("mixed_float16")}, {"units", 2}});
  EXPECT_EQ(config_for_keras_minor(dense, 3)["config"]["dtype"],
            "mixed_float16");
  EXPECT_EQ(config_for_keras_minor(dense, 4)["config"]["dtype"],
            policy("mixed_float16"));
}

TEST(KerasVersionCompat, KeysAppearWithTheReleaseThatAcceptsThem) {
  const Json input = record("InputLayer", {{"batch_shape", {nullptr, 3}},
                                           {"dtype", "float32"},
                                           {"sparse", false},
                                           {"ragged", false},
                                           {"name", "x"},
                                           {"optional", false}});
  auto keys = [](const Json& r) {
    std::vector<std::string> out;
    for (const auto& [k, v] : r["config"].items()) out.push_back(k);
    return join(out);
  };
  EXPECT_EQ(keys(config_for_keras_minor(input, 0)),
            "batch_shape,dtype,sparse,name");
  EXPECT_EQ(keys(config_for_keras_minor(input, 8)),
            "batch_shape,dtype,sparse,name,optional");
  EXPECT_EQ(keys(config_for_keras_minor(input, 9)),
            "batch_shape,dtype,sparse,ragged,name,optional");
  const Json init = {
      {"module", "keras.initializers"},
      {"class_name", "GlorotUniform"},
      {"config",
       {{"seed", nullptr}, {"input_axes", nullptr}, {"output_axes", nullptr}}},
      {"registered_name", nullptr}};
  const Json dense = record("Dense", {{"units", 2},
                                      {"kernel_initializer", init},
                                      {"lora_rank", 4},
                                      {"lora_alpha", 4},
                                      {"quantization_config", nullptr}});
  EXPECT_EQ(keys(config_for_keras_minor(dense, 0)), "units,kernel_initializer");
  EXPECT_EQ(keys(config_for_keras_minor(dense, 1)),
            "units,kernel_initializer,lora_rank");
  EXPECT_EQ(keys(config_for_keras_minor(dense, 12)),
            "units,kernel_initializer,lora_rank,lora_alpha");
  EXPECT_EQ(
      keys(config_for_keras_minor(dense, 14)["config"]["kernel_initializer"]),
      "seed");
  EXPECT_EQ(config_for_keras_minor(dense, 15), dense);
  const Json adam = {
      {"module", "keras.optimizers"},
      {"class_name", "Adam"},
      {"config", {{"name", "adam"}, {"gradient_accumulation_steps", nullptr}}},
      {"registered_name", nullptr}};
  EXPECT_EQ(keys(config_for_keras_minor(adam, 0)), "name");
  EXPECT_EQ(keys(config_for_keras_minor(adam, 1)),
            "name,gradient_accumulation_steps");
  const Json orthogonal = {{"module", "keras.initializers"},
                           {"class_name", "Orthogonal"},
                           {"config", {{"gain", 1.0}, {"seed", nullptr}}},
                           {"registered_name", nullptr}};
  EXPECT_EQ(config_for_keras_minor(orthogonal, 6)["class_name"],
            "OrthogonalInitializer");
  EXPECT_EQ(config_for_keras_minor(orthogonal, 7)["class_name"], "Orthogonal");
  // Under the class name Keras writes (GroupQueryAttention).
  const Json gqa = record("GroupQueryAttention", {{"head_dim", 2},
                                                  {"flash_attention", nullptr},
                                                  {"seed", nullptr},
                                                  {"use_gate", false},
                                                  {"sliding_window", nullptr}});
  EXPECT_EQ(keys(config_for_keras_minor(gqa, 6)), "head_dim");
  EXPECT_EQ(keys(config_for_keras_minor(gqa, 14)),
            "head_dim,flash_attention,seed,use_gate");
}

TEST(KerasVersionCompat, ClassesNewerThanTheTargetAreRefused) {
  const Json norm = record("RMSNormalization", {{"axis", -1}});
  expect_error<ValueError>(
      [&] { config_for_keras_minor(norm, 8); },
      "Cannot save for Keras 3.8: the model uses RMSNormalization, which "
      "Keras added in 3.9.");
  EXPECT_NO_THROW(config_for_keras_minor(norm, 9));
}

TEST(KerasVersionCompat, BadVersions) {
  for (const std::string v : {"2.15", "3", "3.16", "4.0", "3.x", "", "3.0.a"}) {
    expect_error<ValueError>(
        [&] { target_keras_minor(v); },
        "keras_version must name a Keras release from 3.0 to 3.15");
  }
  EXPECT_EQ(target_keras_minor("3.0"), 0);
  EXPECT_EQ(target_keras_minor("3.4.1"), 4);
  EXPECT_EQ(target_keras_version_string("3.0"), "3.0.0");
  EXPECT_EQ(target_keras_version_string("3.4.1"), "3.4.1");
  EXPECT_EQ(target_keras_version_string("3.15"), kKerasFormatVersion);
}

TEST(KerasVersionCompat, SaveWritesTheTargetInEveryModelFormat) {
  auto x = Input({3}, {.name = "x"});
  auto model = std::make_shared<Model>(x, layers::Dense(2)(x));
  TempDir dir;
  save_model(*model, dir.file("m.keras"), {.keras_version = "3.3"});
  const Json config = read_member(dir.file("m.keras"), "config.json");
  EXPECT_EQ(config["config"]["layers"][0]["config"].count("optional"), 0u);
  EXPECT_EQ(config["config"]["layers"][1]["config"]["dtype"], "float32");
  save_model(*model, dir.file("d"), {.zipped = false, .keras_version = "3.3"});
  const Json metadata = parse_json(
      testing::read_text(dir.file("d/metadata.json")), "metadata.json");
  EXPECT_EQ(metadata["keras_version"], "3.3.0");
  save_model(*model, dir.file("m.h5"), {.keras_version = "3.3"});
  for (const std::string path :
       {dir.file("m.keras"), dir.file("d"), dir.file("m.h5")}) {
    EXPECT_NO_THROW(load_model(path)) << path;
  }
  expect_error<ValueError>(
      [&] {
        save_model(*model, dir.file("n.keras"), {.keras_version = "2.15"});
      },
      "keras_version must name a Keras release");
  EXPECT_FALSE(fs::exists(dir.file("n.keras")));
}

TEST(KerasVersionCompat, ConvertTakesAKerasVersion) {
  TempDir dir;
  const std::string in =
      testing::fixture("guide/a_get_model_fit_save/my_model.keras");
  convert_file(in, dir.file("o.keras"), {.keras_version = "3.0"});
  EXPECT_EQ(read_member(dir.file("o.keras"), "metadata.json")["keras_version"],
            "3.0.0");
  expect_error<ValueError>(
      [&] {
        convert_file(in, dir.file("o.weights.h5"), {.keras_version = "3.0"});
      },
      "--keras-version applies to a .keras, directory or legacy .h5 output");
}

}  // namespace
}  // namespace keras::saving
