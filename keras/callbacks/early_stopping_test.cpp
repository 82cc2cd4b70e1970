#include "keras/callbacks/early_stopping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/callbacks/callback_test_utils.h"
#include "keras/testing/expect_error.h"

namespace keras::callbacks {
namespace {

using testing::expect_error;

// Feeds EarlyStopping a scripted sequence of monitored values.
struct Scripted {
  testing::LinearModel m;
  std::shared_ptr<EarlyStopping> stop;
  explicit Scripted(const EarlyStoppingOptions& options)
      : stop(std::make_shared<EarlyStopping>(options)) {
    stop->set_model(m.model.get());
  }
  // Returns the epoch at which stop_training was set (-1: never).
  int run(const std::vector<double>& values) {
    m.model->stop_training = false;
    stop->on_train_begin({});
    for (std::size_t e = 0; e < values.size(); ++e) {
      Logs logs{{"val_loss", values[e]}, {"val_acc", values[e]}};
      stop->on_epoch_end(static_cast<std::int64_t>(e), logs);
      if (m.model->stop_training) return static_cast<int>(e);
    }
    return -1;
  }
};

TEST(EarlyStoppingTest, PatienceCountsEpochsWithoutImprovement) {
  Scripted s({.patience = 2});
  EXPECT_EQ(s.run({1.0, 0.9, 0.95, 0.91, 0.8}), 3);
  EXPECT_EQ(s.stop->stopped_epoch(), 3);
  EXPECT_EQ(s.stop->best_epoch(), 1);
}

TEST(EarlyStoppingTest, MinDeltaAndModeMax) {
  Scripted s({.monitor = "val_acc", .min_delta = 0.1, .mode = "max"});
  // 0.55 is not 0.1 better than 0.5: patience 0 stops at once (epoch > 0).
  EXPECT_EQ(s.run({0.5, 0.55, 0.9}), 1);
}

TEST(EarlyStoppingTest, BaselineMustBeBeaten) {
  // Improvements above the baseline do not reset the wait: the first
  // epoch without improvement after `patience` epochs stops training.
  Scripted s({.patience = 2, .baseline = 0.5});
  EXPECT_EQ(s.run({0.9, 0.8, 0.85}), 2);
  Scripted no_baseline({.patience = 2});
  EXPECT_EQ(no_baseline.run({0.9, 0.8, 0.85}), -1);
}

TEST(EarlyStoppingTest, StartFromEpochIgnoresWarmUp) {
  Scripted s({.patience = 0, .start_from_epoch = 2});
  EXPECT_EQ(s.run({1.0, 2.0, 3.0, 4.0}), 3);
}

TEST(EarlyStoppingTest, RestoresBestWeightsAfterFit) {
  testing::LinearModel m(0.02);
  // "loss" keeps falling, so monitor a quantity that rises: mode max on
  // the loss makes epoch 0 the best one.
  auto stop = std::make_shared<EarlyStopping>(
      EarlyStoppingOptions{.monitor = "loss",
                           .patience = 1,
                           .mode = "max",
                           .restore_best_weights = true});
  double w_after_epoch0 = 0;
  auto probe = std::make_shared<LambdaCallback>(
      LambdaCallbackOptions{.on_epoch_end = [&](std::int64_t e, Logs&) {
        if (e == 0) w_after_epoch0 = m.weight();
      }});
  const History h = m.fit({probe, stop}, 10, false);
  EXPECT_EQ(h.epoch.size(), 2u);  // stopped at epoch 1
  EXPECT_EQ(stop->stopped_epoch(), 1);
  EXPECT_NEAR(m.weight(), w_after_epoch0, 1e-7);
}

TEST(EarlyStoppingTest, AutoModeFromMetricDirection) {
  testing::LinearModel m;
  m.model->compile({.optimizer = "sgd", .loss = "mse", .metrics = {"acc"}});
  auto stop = std::make_shared<EarlyStopping>(
      EarlyStoppingOptions{.monitor = "val_acc", .patience = 5});
  m.fit({stop}, 1);
  // Accuracy is maximised: the first value beats -inf.
  EXPECT_EQ(stop->wait(), 0);
  auto bad = std::make_shared<EarlyStopping>(
      EarlyStoppingOptions{.monitor = "val_whatever"});
  expect_error<ValueError>(
      [&] { m.fit({bad}, 1); },
      "EarlyStopping callback received monitor=val_whatever but Keras isn't "
      "able to automatically determine whether that metric should be "
      "maximized or minimized. Pass `mode='max'`");
}

}  // namespace
}  // namespace keras::callbacks
