#include "keras/callbacks/lambda_callback.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/callbacks/callback_test_utils.h"

namespace keras::callbacks {
namespace {

TEST(LambdaCallbackTest, CallsTheGivenFunctions) {
  testing::LinearModel m;
  int train_begin = 0, batches = 0, train_end = 0;
  std::vector<std::int64_t> epochs;
  auto cb = std::make_shared<LambdaCallback>(LambdaCallbackOptions{
      .on_epoch_begin = [&](std::int64_t e,
                            const Logs&) { epochs.push_back(e); },
      .on_train_batch_end = [&](std::int64_t, const Logs&) { ++batches; },
      .on_train_begin = [&](const Logs&) { ++train_begin; },
      .on_train_end = [&](const Logs&) { ++train_end; }});
  m.fit({cb}, 2, false);
  EXPECT_EQ(train_begin, 1);
  EXPECT_EQ(train_end, 1);
  EXPECT_EQ(batches, 4);
  EXPECT_THAT(epochs, ::testing::ElementsAre(0, 1));
}

// on_epoch_end may add to the logs; History (after it) records the entry.
TEST(LambdaCallbackTest, EpochEndMayAddLogs) {
  testing::LinearModel m;
  auto cb = std::make_shared<LambdaCallback>(
      LambdaCallbackOptions{.on_epoch_end = [](std::int64_t e, Logs& logs) {
        logs.set("epoch_squared", double(e * e));
      }});
  const History h = m.fit({cb}, 3, false);
  EXPECT_THAT(h.history.at("epoch_squared"), ::testing::ElementsAre(0, 1, 4));
}

}  // namespace
}  // namespace keras::callbacks
