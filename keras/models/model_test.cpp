#include "keras/models/model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using ::testing::HasSubstr;
using testing::AllClose;
using testing::fixture;

Json without(Json record, const std::string& key) {
  record.erase(key);
  return record;
}

TEST(ModelTest, FunctionalConfigMatchesKeras) {
  utils::clear_session();
  auto inputs = Input({32});
  auto outputs = layers::Dense(1)(inputs);
  Model model(inputs, outputs);
  const Json keras_config =
      testing::read_json(fixture("guide/a_get_model_fit_save/config.json"));
  EXPECT_EQ(without(model.serialize(), "compile_config"),
            without(keras_config, "compile_config"));
}

TEST(ModelTest, SymbolicCallInfersShapes) {
  auto x = Input({8});
  auto h = layers::Dense(4, {.activation = "relu"})(x);
  EXPECT_EQ(h.shape(), (Shape{-1, 4}));
  EXPECT_TRUE(h.is_symbolic());
  ASSERT_NE(h.keras_history(), nullptr);
}

TEST(ModelTest, PredictRunsTheGraph) {
  auto x = Input({3});
  layers::Dense dense(2, {.use_bias = false});
  Model model(x, dense(x));
  dense->kernel()->assign(
      Tensor::from_vector<float>({1, 0, 0, 1, 1, 1}, {3, 2}));
  Tensor y = model.predict(Tensor::from_vector<float>({1, 2, 3}, {1, 3}));
  EXPECT_TRUE(AllClose(y, Tensor::from_vector<float>({4, 5}, {1, 2})));
}

TEST(ModelTest, LoadsKerasGuideModelAndPredicts) {
  const std::string dir = fixture("guide/a_get_model_fit_save/");
  auto model = saving::load_model(dir + "my_model.keras");
  Tensor x = load_npy(dir + "input_0.npy");
  Tensor expected = load_npy(dir + "expected_0.npy");
  EXPECT_TRUE(AllClose(model->predict(x), expected, 1e-5, 1e-6));
  ASSERT_TRUE(model->compiled());
  EXPECT_EQ(model->optimizer()->iterations(), 4);
  EXPECT_EQ(model->optimizer()->variables().size(), 6u);
}

TEST(ModelTest, LoadsWithoutCompile) {
  auto model = saving::load_model(
      fixture("guide/a_get_model_fit_save/my_model.keras"), {.compile = false});
  EXPECT_FALSE(model->compiled());
}

TEST(ModelTest, MissingFileIsAFileError) {
  try {
    saving::load_model("/nonexistent/model.keras");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("File not found"));
  }
}

TEST(ModelTest, NonZipIsAFormatError) {
  try {
    saving::load_model(fixture("bad/not_a_zip/model.keras"));
    FAIL() << "no error";
  } catch (const FormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("zip"));
  }
}

TEST(ModelTest, ZipWithoutConfigIsAFormatError) {
  try {
    saving::load_model(fixture("bad/zip_missing_config_json/model.keras"));
    FAIL() << "no error";
  } catch (const FormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("config.json"));
  }
}

TEST(ModelTest, UnknownClassNameIsATypeError) {
  try {
    saving::load_model(fixture("bad/config_unknown_class_name/model.keras"));
    FAIL() << "no error";
  } catch (const TypeError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Could not locate layer 'NoSuchLayer'"));
  }
}

}  // namespace
}  // namespace keras
