#include "keras/models/model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/saving/h5_file.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using testing::AllClose;
using testing::fixture;
using ::testing::HasSubstr;

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

namespace keras {
namespace {

// The guide's subclassed 3-layer MLP, declared with the attribute names
// Python uses (they become its weight paths).
class SubclassedModel : public Model {
 public:
  explicit SubclassedModel(std::int64_t output_dim)
      : Model({}, "subclassed_model"), output_dim_(output_dim) {
    dense_1 = track("dense_1", layers::Dense(64, {.activation = "relu",
                                                  .base = {.name = "dense_1"}})
                                   .shared());
    dense_2 = track("dense_2", layers::Dense(64, {.activation = "relu",
                                                  .base = {.name = "dense_2"}})
                                   .shared());
    dense_3 = track(
        "dense_3",
        layers::Dense(output_dim, {.base = {.name = "predictions"}}).shared());
  }
  std::string class_name() const override { return "SubclassedModel"; }
  Tensors call(const Tensors& inputs, const CallContext&) override {
    return {(*dense_3)((*dense_2)((*dense_1)(inputs[0])))};
  }
  Json get_config() const override {
    return {{"output_dim", output_dim_}, {"name", name()}};
  }

  std::shared_ptr<layers::DenseLayer> dense_1, dense_2, dense_3;

 private:
  std::int64_t output_dim_;
};

TEST(SubclassedModelTest, LoadsKerasWeightsByAttributePaths) {
  const std::string dir =
      testing::fixture("guide/d_subclassed_3_layer_mlp_weights/");
  auto model = std::make_shared<SubclassedModel>(10);
  (*model)(Tensor::ones({1, 784}));  // builds the sublayers, as in the guide
  model->load_weights(dir + "subclassed.weights.h5");
  EXPECT_TRUE(testing::AllClose(model->predict(load_npy(dir + "input_0.npy")),
                                load_npy(dir + "expected_0.npy"), 1e-5, 1e-6));
}

TEST(SubclassedModelTest, SavesWeightsUnderAttributeNames) {
  testing::TempDir dir;
  auto model = std::make_shared<SubclassedModel>(10);
  model->build({{-1, 784}});
  model->save_weights(dir.file("s.weights.h5"));
  auto h5 = saving::H5File::open(dir.file("s.weights.h5"));
  EXPECT_THAT(h5.children(""),
              ::testing::ElementsAre("dense_1", "dense_2", "dense_3", "vars"));
  EXPECT_EQ(h5.read_string_attribute("dense_3/vars", "name"), "predictions");
  EXPECT_EQ(h5.read_dataset("dense_1/vars/0").shape(), (Shape{784, 64}));
}

TEST(SubclassedModelTest, TransfersWeightsFromAFunctionalTwin) {
  auto inputs = Input({784});
  auto x = layers::Dense(64, {.activation = "relu"})(inputs);
  x = layers::Dense(64, {.activation = "relu"})(x);
  Model functional(inputs, layers::Dense(10)(x));
  auto subclassed = std::make_shared<SubclassedModel>(10);
  subclassed->build({{-1, 784}});
  subclassed->set_weights(functional.get_weights());
  Tensor data = random::normal({3, 784});
  EXPECT_TRUE(testing::AllClose(subclassed->predict(data),
                                functional.predict(data), 1e-6, 1e-6));
}

TEST(SubclassedModelTest, TrainsWithFit) {
  auto model = std::make_shared<SubclassedModel>(1);
  model->compile({.optimizer = "sgd", .loss = "mse"});
  Tensor x = random::normal({32, 784}, 0.0, 0.1, 1);
  Tensor y = Tensor::zeros({32, 1});
  auto history = model->fit(x, y, {.batch_size = 8, .epochs = 3, .verbose = 0});
  const auto& loss = history.history.at("loss");
  EXPECT_LT(loss.back(), loss.front());
}

}  // namespace
}  // namespace keras
