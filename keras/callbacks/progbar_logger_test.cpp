#include "keras/callbacks/progbar_logger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "keras/callbacks/callback_test_utils.h"

namespace keras::callbacks {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ProgbarLoggerTest, FitVerboseOneShowsEpochsAndMetrics) {
  testing::LinearModel m;
  std::ostringstream out;
  m.model->fit(m.x, m.y,
               {.batch_size = 2, .epochs = 2, .verbose = 1, .out = &out});
  const std::string text = out.str();
  EXPECT_THAT(text, StartsWith("Epoch 1/2\n\r\x1b[1m1/2\x1b[0m "));
  EXPECT_THAT(text, HasSubstr("Epoch 2/2\n"));
  EXPECT_THAT(text, HasSubstr(" - loss: "));
  EXPECT_THAT(text, HasSubstr(" - mae: "));
}

// Validation inside fit() draws no bar of its own; val_ values appear on
// the epoch's final line.
TEST(ProgbarLoggerTest, ValidationInFitIsSilent) {
  testing::LinearModel m;
  std::ostringstream out;
  m.model->fit(m.x, m.y,
               {.batch_size = 4,
                .epochs = 1,
                .verbose = 2,
                .validation_data = {m.x, m.y},
                .out = &out});
  const std::string text = out.str();
  EXPECT_THAT(text, StartsWith("1/1 - "));
  EXPECT_THAT(text, HasSubstr(" - val_loss: "));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
}

TEST(ProgbarLoggerTest, EvaluateAndPredictBars) {
  testing::LinearModel m;
  std::ostringstream out;
  m.model->evaluate(m.x, m.y, {.batch_size = 2, .verbose = 1, .out = &out});
  EXPECT_THAT(out.str(), HasSubstr("\r\x1b[1m2/2\x1b[0m "));
  EXPECT_THAT(out.str(), HasSubstr(" - loss: "));
  std::ostringstream pred;
  m.model->predict(m.x, {.batch_size = 2, .verbose = 2, .out = &pred});
  EXPECT_THAT(pred.str(), StartsWith("2/2 - "));
  EXPECT_EQ(pred.str().find("loss"), std::string::npos);
}

TEST(ProgbarLoggerTest, VerboseZeroPrintsNothing) {
  testing::LinearModel m;
  std::ostringstream out;
  m.model->fit(m.x, m.y, {.epochs = 2, .verbose = 0, .out = &out});
  m.model->evaluate(m.x, m.y, {.verbose = 0, .out = &out});
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace keras::callbacks
