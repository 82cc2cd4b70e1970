#include "keras/trainers/trainer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using testing::AllClose;
using testing::fixture;

// Optimizer fixtures written by Keras: a Sequential MLP trained 3 epochs
// (batch 4, no shuffle, mse); model_epoch2.keras is the state after epoch 2.
class OptimizerFixtureTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::string dir() const {
    return fixture(std::string("optimizers/") + GetParam() + "/");
  }
  Tensor x() const { return load_npy(dir() + "input_0.npy"); }
  Tensor y() const { return load_npy(dir() + "input_1.npy"); }
  Json tolerance() const {
    return testing::read_json(dir() + "case.json")["tolerance"];
  }

  void expect_final_weights(Model& model) {
    const auto weights = model.get_weights();
    const double rtol = tolerance()["rtol"], atol = tolerance()["atol"];
    ASSERT_EQ(weights.size(), 4u);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      EXPECT_TRUE(
          AllClose(weights[i],
                   load_npy(dir() + "expected_" + std::to_string(i) + ".npy"),
                   rtol, atol))
          << GetParam() << " weight " << i;
    }
    EXPECT_TRUE(AllClose(model.predict(x()), load_npy(dir() + "expected_4.npy"),
                         rtol, atol));
  }
};

TEST_P(OptimizerFixtureTest, ResumingFromKerasFileReachesEpoch3) {
  auto model = saving::load_model(dir() + "model_epoch2.keras");
  model->fit(x(), y(),
             {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
  expect_final_weights(*model);
}

TEST_P(OptimizerFixtureTest, TrainingFromInitialWeightsReachesEpoch3) {
  auto model =
      saving::load_model(dir() + "model_epoch2.keras", {.compile = false});
  model->load_weights(dir() + "initial.weights.h5");
  model->compile({.optimizer = optimizers::deserialize(
                      testing::read_json(dir() + "optimizer_config.json")),
                  .loss = "mse"});
  const auto history = model->fit(
      x(), y(), {.batch_size = 4, .epochs = 3, .verbose = 0, .shuffle = false});
  expect_final_weights(*model);
  const Json keras_history = testing::read_json(dir() + "history.json");
  ASSERT_EQ(history.history.at("loss").size(), 3u);
  for (std::size_t e = 0; e < 3; ++e) {
    EXPECT_NEAR(history.history.at("loss")[e],
                keras_history["uninterrupted"]["loss"][e].get<double>(), 1e-5)
        << "epoch " << e + 1;
  }
}

INSTANTIATE_TEST_SUITE_P(Keras, OptimizerFixtureTest,
                         ::testing::Values("sgd", "sgd_momentum",
                                           "sgd_nesterov", "adam", "rmsprop",
                                           "rmsprop_centered",
                                           "rmsprop_momentum"));

TEST(TrainerTest, FitPrintsKerasProgressBar) {
  auto inputs = Input({32});
  Model model(inputs, layers::Dense(1)(inputs));
  model.compile({.optimizer = std::make_shared<optimizers::Adam>(),
                 .loss = "mean_squared_error"});
  std::ostringstream out;
  model.fit(random::uniform({128, 32}), random::uniform({128, 1}),
            {.out = &out});
  const std::string text = out.str();
  // One epoch, 4 steps: "\r<bold>4/4<reset> <bar> <bold>0s<reset> ...".
  EXPECT_THAT(text, ::testing::StartsWith("\r\x1b[1m1/4\x1b[0m "));
  EXPECT_THAT(text, ::testing::HasSubstr("\r\x1b[1m4/4\x1b[0m "));
  EXPECT_THAT(text, ::testing::HasSubstr("/step - loss: "));
  EXPECT_THAT(text, ::testing::EndsWith("\n"));
  EXPECT_EQ(text.find("Epoch"), std::string::npos);  // only when epochs > 1
}

TEST(TrainerTest, FitBeforeCompileFails) {
  auto inputs = Input({2});
  Model model(inputs, layers::Dense(1)(inputs));
  EXPECT_THROW(model.fit(Tensor::zeros({4, 2}), Tensor::zeros({4, 1})),
               ValueError);
}

TEST(TrainerTest, ValidationSplitReportsValLoss) {
  auto inputs = Input({3});
  Model model(inputs, layers::Dense(1)(inputs));
  model.compile({.optimizer = "sgd", .loss = "mse", .metrics = {"mae"}});
  auto history = model.fit(
      random::uniform({20, 3}), random::uniform({20, 1}),
      {.batch_size = 4, .epochs = 2, .verbose = 0, .validation_split = 0.25});
  EXPECT_EQ(history.history.at("loss").size(), 2u);
  EXPECT_EQ(history.history.at("val_loss").size(), 2u);
  EXPECT_EQ(history.history.count("val_mean_absolute_error") +
                history.history.count("val_mae"),
            1u);
  const auto scores = model.evaluate(random::uniform({8, 3}),
                                     random::uniform({8, 1}), {.verbose = 0});
  EXPECT_EQ(scores.size(), 2u);
}

TEST(TrainerTest, RegularizerPenaltyIsPartOfTheLoss) {
  auto inputs = Input({2});
  layers::Dense dense(
      1, {.use_bias = false,
          .kernel_regularizer = std::make_shared<regularizers::L2>(0.5)});
  Model model(inputs, dense(inputs));
  dense->kernel()->assign(Tensor::from_vector<float>({1, 2}, {2, 1}));
  model.compile({.optimizer = "sgd", .loss = "mse"});
  // Zero inputs and targets: the data loss is 0, the penalty 0.5*(1+4).
  const auto scores = model.evaluate(Tensor::zeros({4, 2}),
                                     Tensor::zeros({4, 1}), {.verbose = 0});
  EXPECT_NEAR(scores[0], 2.5, 1e-6);
}

}  // namespace
}  // namespace keras
