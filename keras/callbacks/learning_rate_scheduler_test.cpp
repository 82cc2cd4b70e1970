#include "keras/callbacks/learning_rate_scheduler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/callbacks/callback_test_utils.h"
#include "keras/testing/expect_error.h"

namespace keras::callbacks {
namespace {

TEST(LearningRateSchedulerTest, SetsTheRateEachEpoch) {
  testing::LinearModel m(0.1);
  std::vector<std::pair<std::int64_t, double>> seen;
  auto sched = std::make_shared<LearningRateScheduler>(
      [&](std::int64_t epoch, double lr) {
        seen.emplace_back(epoch, lr);
        return epoch < 1 ? lr : lr / 2;
      });
  const History h = m.fit({sched}, 3, false);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_NEAR(seen[0].second, 0.1, 1e-7);
  EXPECT_NEAR(seen[2].second, 0.05, 1e-7);
  EXPECT_NEAR(m.model->optimizer()->learning_rate(), 0.025, 1e-7);
  EXPECT_NEAR(h.history.at("learning_rate")[2], 0.025, 1e-7);
}

// Training with the rate set to 0 leaves the weights alone.
TEST(LearningRateSchedulerTest, ZeroRateFreezesWeights) {
  testing::LinearModel m(0.1);
  m.fit({std::make_shared<LearningRateScheduler>(
            [](std::int64_t, double) { return 0.0; })},
        2, false);
  EXPECT_NEAR(m.weight(), 1.0, 0);
}

TEST(LearningRateSchedulerTest, BadSchedules) {
  testing::expect_error<ValueError>([] { LearningRateScheduler(nullptr); },
                                    "needs a `schedule` function");
  testing::LinearModel m;
  testing::expect_error<ValueError>(
      [&] {
        m.fit({std::make_shared<LearningRateScheduler>(
                  [](std::int64_t, double) { return std::nan(""); })},
              1, false);
      },
      "The output of the `schedule` function should be a finite float.");
}

}  // namespace
}  // namespace keras::callbacks
