#include "keras/saving/saving_lib.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include "keras/keras.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/zip_archive.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/h5_tree.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using testing::AllClose;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::TempDir;

std::shared_ptr<Model> make_mlp(bool dropout = true) {
  auto inputs = Input({8});
  auto h = layers::Dense(16, {.activation = "relu"})(inputs);
  // Dropout draws fresh masks, so runs that must match leave it out.
  if (dropout) h = layers::Dropout(0.25)(h);
  auto outputs = layers::Dense(2)(h);
  return std::make_shared<Model>(inputs, outputs);
}

struct Data {
  Tensor x = random::uniform({64, 8}, -1.0, 1.0, 11);
  Tensor y = random::uniform({64, 2}, -1.0, 1.0, 12);
};

void expect_same_variables(const Variables& a, const Variables& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(AllClose(a[i]->value(), b[i]->value(), 0.0, 0.0))
        << "variable " << i << " (" << a[i]->path() << ")";
  }
}

TEST(SavingLibTest, SaveLoadGivesIdenticalPredictionsAndOptimizerState) {
  TempDir dir;
  Data data;
  auto model = make_mlp();
  model->compile({.optimizer = std::make_shared<optimizers::Adam>(),
                  .loss = "mean_squared_error"});
  model->fit(data.x, data.y, {.batch_size = 16, .epochs = 2, .verbose = 0});
  model->save(dir.file("m.keras"));

  auto back = saving::load_model(dir.file("m.keras"));
  EXPECT_TRUE(AllClose(back->predict(data.x), model->predict(data.x), 0, 0));
  ASSERT_TRUE(back->compiled());
  EXPECT_EQ(back->optimizer()->class_name(), "Adam");
  EXPECT_EQ(back->optimizer()->iterations(), 8);
  expect_same_variables(back->optimizer()->variables(),
                        model->optimizer()->variables());
  EXPECT_EQ(back->get_compile_config(), model->get_compile_config());
  EXPECT_EQ(back->serialize()["config"], model->serialize()["config"]);
}

TEST(SavingLibTest, ResumedTrainingMatchesUninterruptedTraining) {
  TempDir dir;
  Data data;
  for (const char* optimizer : {"adam", "sgd", "rmsprop"}) {
    auto uninterrupted = make_mlp(false);
    uninterrupted->compile({.optimizer = optimizer, .loss = "mse"});
    uninterrupted->save_weights(dir.file("init.weights.h5"));
    auto interrupted = make_mlp(false);
    interrupted->compile({.optimizer = optimizer, .loss = "mse"});
    interrupted->load_weights(dir.file("init.weights.h5"));

    const trainers::FitOptions fit{
        .batch_size = 16, .epochs = 1, .verbose = 0, .shuffle = false};
    for (int epoch = 0; epoch < 3; ++epoch)
      uninterrupted->fit(data.x, data.y, fit);
    for (int epoch = 0; epoch < 2; ++epoch)
      interrupted->fit(data.x, data.y, fit);
    interrupted->save(dir.file("epoch2.keras"));
    auto resumed = saving::load_model(dir.file("epoch2.keras"));
    resumed->fit(data.x, data.y, fit);

    const auto a = resumed->get_weights();
    const auto b = uninterrupted->get_weights();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_TRUE(AllClose(a[i], b[i], 0.0, 1e-6))
          << optimizer << " weight " << i;
    }
  }
}

TEST(SavingLibTest, WritesKerasArchiveLayout) {
  TempDir dir;
  utils::clear_session();
  auto model = make_mlp();
  model->compile({.optimizer = std::make_shared<optimizers::Adam>(),
                  .loss = "mean_squared_error"});
  Data data;
  model->fit(data.x, data.y, {.epochs = 1, .verbose = 0});
  model->save(dir.file("m.keras"));

  saving::ZipReader zip(dir.file("m.keras"));
  EXPECT_THAT(zip.names(),
              ElementsAre("metadata.json", "config.json", "model.weights.h5"));
  const Json metadata = parse_json(zip.read("metadata.json"));
  EXPECT_EQ(metadata["keras_version"], saving::kKerasFormatVersion);
  EXPECT_TRUE(metadata.contains("date_saved"));

  saving::H5File h5 = saving::H5File::open_image(zip.read("model.weights.h5"));
  EXPECT_THAT(h5.children("layers"),
              ElementsAre("dense", "dense_1", "dropout", "input_layer"));
  EXPECT_EQ(h5.read_dataset("layers/dense/vars/0").shape(), (Shape{8, 16}));
  EXPECT_EQ(h5.read_dataset("layers/dense_1/vars/1").shape(), (Shape{2}));
  EXPECT_TRUE(h5.children("layers/dropout/vars").empty());
  EXPECT_EQ(h5.read_string_attribute("layers/dense/vars", "name"), "dense");
  EXPECT_EQ(h5.read_string_attribute("vars", "name"), "functional");
  // iteration, learning_rate, then m/v per trainable variable.
  EXPECT_EQ(h5.children("optimizer/vars").size(), 2u + 2u * 4u);
  EXPECT_EQ(h5.read_dataset("optimizer/vars/0").dtype(), DType::int32);
  EXPECT_EQ(h5.read_dataset("optimizer/vars/0").item(), 2.0);
}

TEST(SavingLibTest, SaveRejectsWrongSuffixAndLeavesNothing) {
  TempDir dir;
  auto model = make_mlp();
  try {
    model->save(dir.file("m.txt"));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Invalid filepath extension"));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(SavingLibTest, WeightsShapeMismatchNamesTheLayer) {
  TempDir dir;
  auto inputs = Input({4});
  Model small(inputs, layers::Dense(3, {.base = {.name = "d1"}})(inputs));
  small.save_weights(dir.file("w.weights.h5"));
  auto inputs2 = Input({5});
  Model other(inputs2, layers::Dense(3, {.base = {.name = "d1"}})(inputs2));
  try {
    other.load_weights(dir.file("w.weights.h5"));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("could not be loaded"));
    EXPECT_THAT(e.what(), HasSubstr("name=d1"));
    EXPECT_THAT(e.what(), HasSubstr("(5, 3)"));
  }
}

TEST(SavingLibTest, MissingAndExtraVariablesAreReported) {
  auto model =
      saving::load_model(testing::fixture("bad/valid_reference/model.keras"));
  const std::pair<const char*, const char*> cases[] = {
      {"bad/weights_h5_missing_variable/model.weights.h5",
       "Layer 'd2' expected 2 variables, but received 1 variables during "
       "loading. Expected: ['kernel', 'bias']"},
      {"bad/weights_h5_extra_variable/model.weights.h5",
       "Layer 'd1' expected 2 variables, but received 3 variables during "
       "loading. Expected: ['kernel', 'bias']"},
  };
  for (const auto& [file, message] : cases) {
    try {
      model->load_weights(testing::fixture(file));
      FAIL() << file << ": no error";
    } catch (const ValueError& e) {
      EXPECT_THAT(e.what(),
                  HasSubstr("A total of 1 objects could not be loaded"));
      EXPECT_THAT(e.what(), HasSubstr(message));
    }
  }
}

TEST(SavingLibTest, WrongShapeIsReported) {
  try {
    saving::load_model(testing::fixture("bad/weights_wrong_shape/model.keras"));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("(5, 3)"));
  }
}

TEST(SavingLibTest, ValidReferenceLoadsAndPredicts) {
  const std::string dir = testing::fixture("bad/valid_reference/");
  auto model = saving::load_model(dir + "model.keras");
  EXPECT_TRUE(AllClose(model->predict(load_npy(dir + "input_0.npy")),
                       load_npy(dir + "expected_0.npy"), 1e-5, 1e-6));
}

// model.weights.h5 is read in place from the archive; its CRC-32 is still
// checked, so a flipped byte in the weight values (which HDF5 cannot notice)
// fails the load, whether it goes through load_model or load_weights.
TEST(SavingLibTest, FlippedWeightByteFailsTheCrcCheck) {
  TempDir dir;
  const std::string source =
      testing::fixture("bad/valid_reference/model.keras");
  std::string bytes = testing::read_text(source);
  const auto range =
      saving::ZipReader(source).stored_range("model.weights.h5").value();
  bytes[range.offset + range.size - 3] ^= 0x40;  // a weight value
  const std::string path = dir.file("flipped.keras");
  std::ofstream(path, std::ios::binary) << bytes;
  testing::expect_error<FormatError>(
      [&] { saving::load_model(path); },
      "'model.weights.h5' fails its CRC-32 check");
  auto model = saving::load_model(source);
  testing::expect_error<FormatError>([&] { model->load_weights(path); },
                                     "'model.weights.h5' fails its CRC-32 "
                                     "check");
}

// save() has HDF5 write model.weights.h5 straight into the archive: the
// member holds the same HDF5 file as one built in memory, and its CRC-32 is
// the one the central directory records.
TEST(SavingLibTest, WeightsWrittenInPlaceEqualTheInMemoryFile) {
  if (!saving::H5File::can_write_in_place()) {
    GTEST_SKIP() << "this HDF5's driver interface cannot write in place";
  }
  auto model =
      saving::load_model(testing::fixture("bad/valid_reference/model.keras"));
  TempDir dir;
  const std::string path = dir.file("saved.keras");
  model->save(path);
  saving::ZipReader zip(path);
  EXPECT_NO_THROW(zip.verify("model.weights.h5"));
  const std::string in_place = zip.read("model.weights.h5");
  const std::string in_memory = saving::weights_to_h5_bytes(*model);
  EXPECT_EQ(testing::h5_tree(saving::H5File::open_image(in_place)),
            testing::h5_tree(saving::H5File::open_image(in_memory)));
  const std::vector<Tensor> saved = model->get_weights();
  const std::vector<Tensor> loaded = saving::load_model(path)->get_weights();
  ASSERT_EQ(loaded.size(), saved.size());
  for (std::size_t i = 0; i < saved.size(); ++i) {
    EXPECT_TRUE(AllClose(loaded[i], saved[i], 0, 0)) << i;
  }
}

// keras.saving.save_model(model, "model_dir", zipped=False).
TEST(SavingLibTest, DirectoryFormatReadsAndWritesLikeKeras) {
  const std::string dir = testing::fixture("weights/unzipped_keras_dir/");
  auto model = saving::load_model(dir + "model_dir");
  EXPECT_TRUE(AllClose(model->predict(load_npy(dir + "input_0.npy")),
                       load_npy(dir + "expected_0.npy"), 1e-5, 1e-5));
  TempDir tmp;
  const std::string out = tmp.file("model_dir");
  model->save(out, {.zipped = false});
  std::vector<std::string> members;
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    members.push_back(entry.path().filename().string());
  }
  std::sort(members.begin(), members.end());
  EXPECT_THAT(members,
              ElementsAre("config.json", "metadata.json", "model.weights.h5"));
  // shared_object_id values are Python id()s: run-specific tokens.
  std::function<void(Json&)> drop_ids = [&](Json& j) {
    if (j.is_object()) j.erase("shared_object_id");
    if (j.is_structured()) {
      for (Json& child : j) drop_ids(child);
    }
  };
  Json ours = testing::read_json(out + "/config.json");
  Json keras = testing::read_json(dir + "model_dir/config.json");
  drop_ids(ours);
  drop_ids(keras);
  EXPECT_EQ(ours, keras);
  const Json metadata = testing::read_json(out + "/metadata.json");
  EXPECT_EQ(metadata["keras_version"], saving::kKerasFormatVersion);
  EXPECT_TRUE(metadata.contains("date_saved"));
  EXPECT_EQ(testing::h5_tree(saving::H5File::open(out + "/model.weights.h5")),
            testing::h5_tree(
                saving::H5File::open(dir + "model_dir/model.weights.h5")));
  auto back = saving::load_model(out);
  EXPECT_TRUE(AllClose(back->predict(load_npy(dir + "input_0.npy")),
                       load_npy(dir + "expected_0.npy"), 1e-5, 1e-5));
}

TEST(SavingLibTest, DirectoryFormatErrors) {
  TempDir tmp;
  auto model = make_mlp(false);
  try {
    model->save(tmp.file("m.keras"), {.zipped = false});
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("should not end in `.keras`"));
  }
  try {
    model->save(tmp.file("m.txt"));
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Invalid filepath extension"));
  }
  std::filesystem::create_directories(tmp.file("empty"));
  EXPECT_THROW(saving::load_model(tmp.file("empty")), FormatError);
}

}  // namespace
}  // namespace keras
