#include "keras/callbacks/callback_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/callbacks/callback_test_utils.h"
#include "keras/callbacks/progbar_logger.h"
#include "keras/testing/expect_error.h"

namespace keras::callbacks {
namespace {

TEST(CallbackListTest, AddsHistoryAndProgbarOnce) {
  testing::LinearModel m;
  auto rec = std::make_shared<testing::RecordingCallback>();
  CallbackList list({rec}, m.model.get(), {.verbose = 1, .epochs = 2},
                    {.add_history = true, .add_progbar = true});
  ASSERT_EQ(list.callbacks().size(), 3u);
  EXPECT_EQ(list.callbacks()[0], rec);  // user callbacks first
  EXPECT_TRUE(list.history());
  EXPECT_EQ(rec->model(), m.model.get());
  EXPECT_EQ(rec->params().epochs, 2);

  auto progbar = std::make_shared<ProgbarLogger>();
  CallbackList with_own({progbar, list.history()}, m.model.get(), {},
                        {.add_history = true, .add_progbar = true});
  EXPECT_EQ(with_own.callbacks().size(), 2u);
  EXPECT_EQ(with_own.history(), list.history());
}

TEST(CallbackListTest, SortsBatchLogs) {
  testing::LinearModel m;
  std::vector<std::string> keys;
  auto cb = std::make_shared<LambdaCallback>(LambdaCallbackOptions{
      .on_train_batch_end = [&](std::int64_t, const Logs& logs) {
        keys = logs.keys();
      }});
  CallbackList list({cb}, m.model.get(), {});
  list.on_train_batch_end(0, {{"z", 1}, {"a", 2}});
  EXPECT_THAT(keys, ::testing::ElementsAre("a", "z"));
}

TEST(CallbackListTest, NullCallbackIsAnError) {
  testing::expect_error<ValueError>(
      [] { CallbackList({nullptr}, nullptr, {}); },
      "A callback in `callbacks` is null.");
}

}  // namespace
}  // namespace keras::callbacks
