#include "keras/callbacks/reduce_lr_on_plateau.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/callbacks/callback_test_utils.h"
#include "keras/testing/expect_error.h"

namespace keras::callbacks {
namespace {

TEST(ReduceLROnPlateauTest, ReducesAfterPatienceThenCoolsDown) {
  testing::LinearModel m(0.1);
  ReduceLROnPlateau cb({.monitor = "val_loss",
                        .factor = 0.5,
                        .patience = 1,
                        .cooldown = 2,
                        .min_lr = 0.02});
  cb.set_model(m.model.get());
  cb.on_train_begin({});
  std::vector<double> lrs;
  for (double v : {1.0, 1.0, 1.0, 1.0, 1.0, 1.0}) {
    Logs logs{{"val_loss", v}};
    cb.on_epoch_end(static_cast<std::int64_t>(lrs.size()), logs);
    lrs.push_back(m.model->optimizer()->learning_rate());
    // The rate in effect during the epoch is logged.
    EXPECT_TRUE(logs.contains("learning_rate"));
  }
  // Plateau from epoch 1: halved at 1; the cooldown counter drops at the
  // start of each epoch end, so 2 epochs of cooldown skip epoch 2 only;
  // halved at 3, skipped at 4, then clamped to min_lr at 5.
  const std::vector<double> expected{0.1, 0.05, 0.05, 0.025, 0.025, 0.02};
  for (std::size_t e = 0; e < expected.size(); ++e) {
    EXPECT_NEAR(lrs[e], expected[e], 1e-7) << "epoch " << e;
  }
}

TEST(ReduceLROnPlateauTest, HistoryRecordsLearningRate) {
  testing::LinearModel m(0.1);
  const History h = m.fit(
      {std::make_shared<ReduceLROnPlateau>(ReduceLROnPlateauOptions{
          .monitor = "loss", .factor = 0.5, .patience = 1, .mode = "max"})},
      3, false);
  // Loss falls, so with mode=max every epoch after the first is a plateau.
  ASSERT_EQ(h.history.at("learning_rate").size(), 3u);
  EXPECT_NEAR(h.history.at("learning_rate")[0], 0.1, 1e-7);
  EXPECT_NEAR(m.model->optimizer()->learning_rate(), 0.025, 1e-7);
}

TEST(ReduceLROnPlateauTest, FactorMustBeBelowOne) {
  testing::expect_error<ValueError>(
      [] { ReduceLROnPlateau({.factor = 1.0}); },
      "ReduceLROnPlateau does not support a factor >= 1.0. Received "
      "factor=1.0");
}

}  // namespace
}  // namespace keras::callbacks
