#include "keras/callbacks/callback.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/callbacks/callback_test_utils.h"

namespace keras::callbacks {
namespace {

using ::testing::ElementsAre;

TEST(CallbackTest, FitCallsHooksInKerasOrder) {
  testing::LinearModel m;
  auto rec = std::make_shared<testing::RecordingCallback>();
  m.model->fit(m.x, m.y,
               {.batch_size = 2,
                .epochs = 1,
                .verbose = 0,
                .callbacks = {rec},
                .validation_data = {m.x, m.y}});
  EXPECT_THAT(rec->calls,
              ElementsAre("train_begin", "epoch_begin 0", "batch_begin 0",
                          "batch_end 0", "batch_begin 1", "batch_end 1",
                          "test_begin", "test_batch_end 0", "test_batch_end 1",
                          "test_end", "epoch_end 0", "train_end"));
  EXPECT_EQ(rec->model(), m.model.get());
  EXPECT_EQ(rec->params().epochs, 1);
  EXPECT_EQ(rec->params().steps, 2);
}

TEST(CallbackTest, EvaluateAndPredictCallTheirHooks) {
  testing::LinearModel m;
  auto rec = std::make_shared<testing::RecordingCallback>();
  m.model->evaluate(m.x, m.y,
                    {.batch_size = 4, .verbose = 0, .callbacks = {rec}});
  m.model->predict(m.x, {.batch_size = 4, .callbacks = {rec}});
  EXPECT_THAT(rec->calls, ElementsAre("test_begin", "test_batch_end 0",
                                      "test_end", "predict_begin",
                                      "predict_batch_end 0", "predict_end"));
}

// Batch logs reach callbacks with sorted keys; epoch logs keep Keras'
// order (train metrics, then sorted val_ keys).
TEST(CallbackTest, LogsKeysAsKeras) {
  testing::LinearModel m;
  std::vector<std::string> batch_keys, epoch_keys;
  auto cb = std::make_shared<LambdaCallback>(LambdaCallbackOptions{
      .on_epoch_end = [&](std::int64_t,
                          Logs& logs) { epoch_keys = logs.keys(); },
      .on_train_batch_end =
          [&](std::int64_t, const Logs& logs) { batch_keys = logs.keys(); }});
  m.fit({cb}, 1);
  EXPECT_THAT(batch_keys, ElementsAre("loss", "mae"));
  EXPECT_THAT(epoch_keys, ElementsAre("loss", "mae", "val_loss", "val_mae"));
}

}  // namespace
}  // namespace keras::callbacks
