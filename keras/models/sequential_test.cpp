#include "keras/models/sequential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using testing::AllClose;
using testing::fixture;
using ::testing::HasSubstr;

TEST(SequentialTest, ToJsonIsKerasStringExactly) {
  utils::clear_session();
  Sequential model({Input({32}), layers::Dense(1)});
  const std::string keras_json =
      testing::read_text(fixture("guide/c_sequential_to_json/model.json"));
  EXPECT_EQ(model.to_json(), keras_json);
  // model_from_json(to_json()).to_json() gives the same string.
  EXPECT_EQ(models::model_from_json(keras_json)->to_json(), keras_json);
}

TEST(SequentialTest, LoadsKerasWeightsAndPredicts) {
  const std::string dir = fixture("guide/c_sequential_to_json/");
  auto model = models::model_from_json(testing::read_text(dir + "model.json"));
  model->load_weights(dir + "model.weights.h5");
  EXPECT_TRUE(AllClose(model->predict(load_npy(dir + "input_0.npy")),
                       load_npy(dir + "expected_0.npy"), 1e-5, 1e-6));
}

TEST(SequentialTest, AddBuildsWhenInputShapeIsKnown) {
  Sequential model;
  model.add(layers::InputLayer::from_config(
      {{"batch_shape", {nullptr, 4}}, {"name", "x"}}));
  model.add(layers::Dense(3).shared());
  model.add(layers::Dense(2).shared());
  EXPECT_TRUE(model.built());
  EXPECT_EQ(model.layers().size(), 2u);  // the InputLayer is hidden
  EXPECT_EQ(model.predict(Tensor::zeros({5, 4})).shape(), (Shape{5, 2}));
  model.pop();
  EXPECT_EQ(model.predict(Tensor::zeros({5, 4})).shape(), (Shape{5, 3}));
}

TEST(SequentialTest, UnbuiltModelBuildsOnFirstCall) {
  Sequential model(
      {layers::Dense(4, {.activation = "relu"}), layers::Dense(2)});
  EXPECT_FALSE(model.built());
  Tensor y = model.predict(Tensor::ones({3, 5}));
  EXPECT_EQ(y.shape(), (Shape{3, 2}));
  EXPECT_EQ(model.weights().size(), 4u);
}

TEST(SequentialTest, DuplicateNamesAreRefused) {
  Sequential model({layers::Dense(1, {.base = {.name = "d"}})});
  try {
    model.add(layers::Dense(1, {.base = {.name = "d"}}).shared());
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("unique names"));
  }
}

TEST(SequentialTest, SaveLoadRoundTrip) {
  testing::TempDir dir;
  Sequential model({Input({6}), layers::Dense(5, {.activation = "tanh"}),
                    layers::Dropout(0.5), layers::Dense(3)});
  model.save(dir.file("s.keras"));
  auto back = saving::load_model(dir.file("s.keras"));
  EXPECT_EQ(back->class_name(), "Sequential");
  Tensor x = random::normal({7, 6});
  EXPECT_TRUE(AllClose(back->predict(x), model.predict(x), 0, 0));
  EXPECT_EQ(back->serialize(), model.serialize());
}

}  // namespace
}  // namespace keras
