#include "keras/callbacks/csv_logger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/callbacks/callback_test_utils.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::callbacks {
namespace {

using ::testing::StartsWith;

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> lines;
  std::string text = testing::read_text(path), line;
  std::size_t start = 0, end;
  while ((end = text.find("\r\n", start)) != std::string::npos) {
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  EXPECT_EQ(start, text.size()) << "rows end with \\r\\n";
  return lines;
}

TEST(CSVLoggerTest, WritesSortedColumnsPerEpoch) {
  testing::TempDir dir;
  testing::LinearModel m;
  m.fit({std::make_shared<CSVLogger>(dir.file("log.csv"))}, 2);
  const auto lines = lines_of(dir.file("log.csv"));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "epoch,loss,mae,val_loss,val_mae");
  EXPECT_THAT(lines[1], StartsWith("0,"));
  EXPECT_THAT(lines[2], StartsWith("1,"));
}

TEST(CSVLoggerTest, AppendAndSeparator) {
  testing::TempDir dir;
  testing::LinearModel m;
  const std::string path = dir.file("log.tsv");
  m.fit({std::make_shared<CSVLogger>(path, CSVLoggerOptions{.separator = ";"})},
        1, false);
  m.fit({std::make_shared<CSVLogger>(
            path, CSVLoggerOptions{.separator = ";", .append = true})},
        1, false);
  const auto lines = lines_of(path);
  ASSERT_EQ(lines.size(), 3u);  // one header only
  // Without validation the val_ columns exist (NA), as in Keras.
  EXPECT_EQ(lines[0], "epoch;loss;mae;val_loss;val_mae");
  EXPECT_THAT(lines[2], ::testing::EndsWith(";NA;NA"));
}

TEST(CSVLoggerTest, BadSeparator) {
  testing::expect_error<TypeError>(
      [] { CSVLogger("x.csv", {.separator = ", "}); },
      "\"delimiter\" must be a 1-character string");
}

}  // namespace
}  // namespace keras::callbacks
