#include "keras/trainers/trainer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/merging/add.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using testing::AllClose;
using ::testing::ElementsAre;
using testing::expect_error;
using testing::fixture;
using ::testing::HasSubstr;

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

// ---- fit arguments ----

// y = 2x (no bias), so every number below is exact.
struct Linear {
  std::shared_ptr<Model> model;
  layers::Dense dense{1, {.use_bias = false}};
  Linear() {
    auto x = Input({1}, {.name = "x"});
    model = std::make_shared<Model>(x, dense(x));
    dense->kernel()->assign(Tensor::from_vector<float>({1}, {1, 1}));
  }
  static Tensor column(std::vector<float> v) {
    const auto n = static_cast<std::int64_t>(v.size());
    return Tensor::from_vector<float>(v, {n, 1});
  }
};

TEST(FitTest, VerboseTwoPrintsOneLinePerEpoch) {
  Linear m;
  m.model->compile({.optimizer = "sgd", .loss = "mse"});
  std::ostringstream out;
  m.model->fit(Linear::column({1, 2, 3, 4}), Linear::column({2, 4, 6, 8}),
               {.batch_size = 2, .epochs = 2, .verbose = 2, .out = &out});
  const std::string text = out.str();
  EXPECT_THAT(text, ::testing::StartsWith("Epoch 1/2\n2/2 - "));
  EXPECT_THAT(text, HasSubstr("\nEpoch 2/2\n2/2 - "));
  EXPECT_THAT(text, HasSubstr("/step - loss: "));
  EXPECT_EQ(text.find('\r'), std::string::npos);  // no dynamic bar
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);
}

TEST(FitTest, HistoryHasEpochsAndValidationKeys) {
  Linear m;
  m.model->compile({.optimizer = "sgd", .loss = "mse", .metrics = {"mae"}});
  const Tensor x = Linear::column({1, 2, 3, 4}),
               y = Linear::column({2, 4, 6, 8});
  auto history = m.model->fit(
      x, y,
      {.batch_size = 2,
       .epochs = 3,
       .verbose = 0,
       .validation_data = {Linear::column({5}), Linear::column({10})},
       .initial_epoch = 1});
  EXPECT_THAT(history.epoch, ElementsAre(1, 2));
  for (const char* key : {"loss", "mae", "val_loss", "val_mae"}) {
    EXPECT_EQ(history.history.at(key).size(), 2u) << key;
  }
}

TEST(FitTest, ValidationSplitTakesTheLastSamplesBeforeShuffling) {
  Linear m;
  m.model->compile({.optimizer = std::make_shared<optimizers::SGD>(
                        optimizers::SGDOptions{.learning_rate = 0.0}),
                    .loss = "mse"});
  // The last quarter (x = 4, y = 0) is the validation set: (4 - 0)^2 = 16.
  auto history =
      m.model->fit(Linear::column({1, 2, 3, 4}), Linear::column({1, 2, 3, 0}),
                   {.verbose = 0, .validation_split = 0.25});
  EXPECT_NEAR(history.history.at("val_loss")[0], 16.0, 1e-6);
  EXPECT_NEAR(history.history.at("loss")[0], 0.0, 1e-6);
}

TEST(FitTest, SampleWeightAndClassWeightScaleTheLoss) {
  Linear m;
  m.model->compile({.optimizer = std::make_shared<optimizers::SGD>(
                        optimizers::SGDOptions{.learning_rate = 0.0}),
                    .loss = "mse"});
  const Tensor x = Linear::column({1, 2}), y = Linear::column({0, 0});
  // Per-sample losses 1 and 4.
  auto h1 = m.model->fit(
      x, y,
      {.verbose = 0, .sample_weight = Tensor::from_vector<float>({2, 0}, {2})});
  EXPECT_NEAR(h1.history.at("loss")[0], 1.0, 1e-6);  // (2*1 + 0*4) / 2
  // Class ids from y: class 0 -> weight 3.
  auto h2 = m.model->fit(x, y, {.verbose = 0, .class_weight = {{0, 3.0}}});
  EXPECT_NEAR(h2.history.at("loss")[0], 7.5, 1e-6);  // 3 * (1 + 4) / 2
}

TEST(FitTest, ClassWeightToSampleWeights) {
  const Tensor sparse = Tensor::from_vector<float>({0, 2, 1}, {3, 1});
  const Tensor onehot = Tensor::from_vector<float>({0, 1, 1, 0, 0, 1}, {3, 2});
  const std::map<std::int64_t, double> cw{{1, 5.0}, {2, 0.5}};
  EXPECT_TRUE(AllClose(trainers::class_weight_to_sample_weights(sparse, cw),
                       Tensor::from_vector<float>({1, 0.5, 5}, {3}), 0, 0));
  EXPECT_TRUE(AllClose(trainers::class_weight_to_sample_weights(onehot, cw),
                       Tensor::from_vector<float>({5, 1, 5}, {3}), 0, 0));
}

TEST(FitTest, DataByNameAndMultipleInputs) {
  auto a = Input({1}, {.name = "a"});
  auto b = Input({1}, {.name = "b"});
  Tensor sum = layers::Add()(Tensors{a, b});
  auto model = std::make_shared<Model>(Tensors{a, b}, Tensors{sum});
  model->compile({.optimizer = "sgd", .loss = "mse"});
  const Tensor xa = Linear::column({1, 2}), xb = Linear::column({3, 4});
  const Tensor y = Linear::column({4, 6});
  const auto by_list = model->evaluate({xa, xb}, y, {.verbose = 0});
  const auto by_name = model->evaluate(
      trainers::Data::named({{"b", xb}, {"a", xa}}), y, {.verbose = 0});
  EXPECT_NEAR(by_list[0], 0.0, 1e-7);
  EXPECT_NEAR(by_name[0], 0.0, 1e-7);
  const Tensors p =
      model->predict(std::map<std::string, Tensor>{{"a", xa}, {"b", xb}});
  EXPECT_TRUE(AllClose(p[0], y, 0, 1e-7));
  expect_error<ValueError>(
      [&] {
        model->evaluate(trainers::Data::named({{"a", xa}}), y, {.verbose = 0});
      },
      "Missing data for input \"b\". You passed a data dictionary with keys "
      "['a']. Expected the following keys: ['a', 'b']");
}

TEST(FitTest, OnBatchMethods) {
  Linear m;
  m.model->compile({.optimizer = std::make_shared<optimizers::SGD>(
                        optimizers::SGDOptions{.learning_rate = 0.1}),
                    .loss = "mse",
                    .metrics = {"mae"}});
  const Tensor x = Linear::column({1}), y = Linear::column({3});
  const auto test = m.model->test_on_batch(x, y);
  EXPECT_NEAR(test["loss"], 4.0, 1e-6);
  EXPECT_NEAR(test[1], 2.0, 1e-6);  // mae
  const auto train = m.model->train_on_batch(x, y);
  EXPECT_NEAR(train[0], 4.0, 1e-6);  // loss before the step
  // w += 0.1 * 2 * (3 - 1) * 1 = 1.4
  EXPECT_TRUE(AllClose(m.model->predict_on_batch(x)[0], Linear::column({1.4f}),
                       0, 1e-6));
}

TEST(FitTest, StopTrainingEndsFitAfterTheBatch) {
  Linear m;
  m.model->compile({.optimizer = "sgd", .loss = "mse"});
  struct Stopper : callbacks::Callback {
    int batches = 0;
    void on_train_batch_end(std::int64_t, const trainers::Logs&) override {
      if (++batches == 3) model()->stop_training = true;
    }
  };
  auto stopper = std::make_shared<Stopper>();
  auto history = m.model->fit(
      Linear::column({1, 2, 3, 4}), Linear::column({2, 4, 6, 8}),
      {.batch_size = 1, .epochs = 5, .verbose = 0, .callbacks = {stopper}});
  EXPECT_EQ(stopper->batches, 3);
  EXPECT_EQ(history.epoch.size(), 1u);
}

// ---- bad fit arguments ----

TEST(FitErrorTest, BadArguments) {
  Linear m;
  m.model->compile({.optimizer = "sgd", .loss = "mse"});
  const Tensor x = Linear::column({1, 2, 3, 4}),
               y = Linear::column({2, 4, 6, 8});
  expect_error<ValueError>(
      [&] { m.model->fit(x, y, {.verbose = 0, .validation_split = 1.5}); },
      "`validation_split` must be between 0 and 1, received: 1.5");
  expect_error<ValueError>(
      [&] { m.model->fit(x, y, {.verbose = 0, .validation_split = -0.1}); },
      "`validation_split` must be between 0 and 1");
  expect_error<ValueError>(
      [&] {
        m.model->fit(Linear::column({1}), Linear::column({1}),
                     {.verbose = 0, .validation_split = 0.5});
      },
      "Training data contains 1 samples, which is not sufficient to split");
  expect_error<ValueError>(
      [&] {
        m.model->fit(x, Linear::column({1, 2, 3}), {.verbose = 0});
      },
      "Data cardinality is ambiguous. Make sure all arrays contain the same "
      "number of samples.'x' sizes: 4\n'y' sizes: 3\n");
  expect_error<ValueError>([&] { m.model->fit(x, y, {.batch_size = 0}); },
                           "`batch_size` must be a positive integer");
  expect_error<ValueError>(
      [&] {
        m.model->fit(x, y,
                     {.verbose = 0,
                      .class_weight = {{0, 1.0}},
                      .sample_weight = Tensor::ones({4})});
      },
      "You cannot `class_weight` and `sample_weight` at the same time.");
  expect_error<ValueError>(
      [&] {
        m.model->fit(x, y, {.verbose = 0, .sample_weight = Tensor::ones({3})});
      },
      "'sample_weight' sizes: 3");
  expect_error<ValueError>(
      [&] { m.model->fit(x, y, {.verbose = 0, .validation_freq = 0}); },
      "`validation_freq` must be a positive integer");
  expect_error<ValueError>([&] { m.model->fit(x, trainers::Data{}); },
                           "No target data provided");
}

TEST(FitErrorTest, ClassWeightNeedsASingleOutput) {
  auto x = Input({1});
  auto model = std::make_shared<Model>(
      Tensors{x}, Tensors{layers::Dense(1)(x), layers::Dense(1)(x)});
  model->compile({.optimizer = "sgd", .loss = "mse"});
  const Tensor xs = Tensor::zeros({2, 1});
  expect_error<ValueError>(
      [&] {
        model->fit(xs, {xs, xs}, {.verbose = 0, .class_weight = {{0, 2.0}}});
      },
      "`class_weight` is only supported for Models with a single output.");
  expect_error<ValueError>(
      [&] { model->fit(xs, {xs}, {.verbose = 0}); },
      "The model has 2 outputs but 1 target arrays were given");
}

}  // namespace
}  // namespace keras
