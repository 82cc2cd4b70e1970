#include "keras/callbacks/terminate_on_nan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <sstream>

#include "keras/callbacks/callback_test_utils.h"

namespace keras::callbacks {
namespace {

TEST(TerminateOnNaNTest, StopsOnTheFirstInvalidLoss) {
  testing::LinearModel m(1e30);  // diverges to inf within a few batches
  std::ostringstream out;
  const History h =
      m.model->fit(m.x, m.y,
                   {.batch_size = 1,
                    .epochs = 50,
                    .verbose = 0,
                    .callbacks = {std::make_shared<TerminateOnNaN>(&out)}});
  EXPECT_EQ(h.epoch.size(), 1u);
  EXPECT_THAT(out.str(),
              ::testing::MatchesRegex("Batch [0-9]+: Invalid loss, terminating "
                                      "training\n"));
}

TEST(TerminateOnNaNTest, FiniteLossesKeepTraining) {
  testing::LinearModel m;
  TerminateOnNaN cb;
  cb.set_model(m.model.get());
  cb.on_train_batch_end(0, {{"loss", 1.0}});
  EXPECT_FALSE(m.model->stop_training);
  cb.on_train_batch_end(1,
                        {{"loss", std::numeric_limits<double>::quiet_NaN()}});
  EXPECT_TRUE(m.model->stop_training);
}

}  // namespace
}  // namespace keras::callbacks
