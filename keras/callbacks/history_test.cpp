#include "keras/callbacks/history.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/callbacks/callback_test_utils.h"

namespace keras::callbacks {
namespace {

TEST(HistoryTest, RecordsEveryEpochsLogs) {
  testing::LinearModel m;
  const History h = m.fit({}, 3);
  EXPECT_THAT(h.epoch, ::testing::ElementsAre(0, 1, 2));
  ASSERT_EQ(h.history.at("loss").size(), 3u);
  EXPECT_EQ(h.history.at("val_mae").size(), 3u);
  // Plain SGD on y = 2x from w = 1: the loss falls every epoch.
  EXPECT_LT(h.history.at("loss")[2], h.history.at("loss")[0]);
}

// A History passed in is the one fit() fills (no second one is added).
TEST(HistoryTest, UserHistoryIsUsed) {
  testing::LinearModel m;
  auto mine = std::make_shared<History>();
  const History returned = m.fit({mine}, 2, /*validate=*/false);
  EXPECT_EQ(mine->history.at("loss"), returned.history.at("loss"));
  EXPECT_EQ(mine->epoch.size(), 2u);
}

}  // namespace
}  // namespace keras::callbacks
