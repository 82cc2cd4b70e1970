// Runs the keras-cpp binary as users and the outside checks do.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

#include "keras/testing/test_utils.h"
#include "keras/utils/npy.h"

#ifndef KERAS_CLI_PATH
#define KERAS_CLI_PATH "keras-cpp"
#endif

namespace keras {
namespace {

using testing::fixture;
using ::testing::HasSubstr;

struct CliRun {
  int status;
  std::string output;  // stdout + stderr
};

CliRun run_cli(const std::string& args) {
  const std::string command =
      std::string(KERAS_CLI_PATH) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

TEST(CliTest, PredictWritesOutputs) {
  testing::TempDir out;
  const std::string dir = fixture("guide/a_get_model_fit_save/");
  CliRun r = run_cli("predict " + dir + "my_model.keras -i " + dir +
                     "input_0.npy -o " + out.path().string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(testing::AllClose(load_npy(out.file("output_0.npy")),
                                load_npy(dir + "expected_0.npy"), 1e-5, 1e-6));
}

TEST(CliTest, SummaryPrintsKerasTable) {
  CliRun r = run_cli("summary " +
                     fixture("guide/a_get_model_fit_save/my_model.keras"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.output, testing::read_text(
                          fixture("guide/a_get_model_fit_save/summary.txt")));
}

TEST(CliTest, ConvertWritesALoadableFile) {
  testing::TempDir out;
  const std::string dir = fixture("guide/a_get_model_fit_save/");
  CliRun r =
      run_cli("convert " + dir + "my_model.keras " + out.file("m.keras"));
  ASSERT_EQ(r.status, 0) << r.output;
  CliRun p = run_cli("predict " + out.file("m.keras") + " -i " + dir +
                     "input_0.npy -o " + out.path().string());
  ASSERT_EQ(p.status, 0) << p.output;
  EXPECT_TRUE(testing::AllClose(load_npy(out.file("output_0.npy")),
                                load_npy(dir + "expected_0.npy"), 1e-5, 1e-6));
}

TEST(CliTest, ErrorsExitOneWithOneLine) {
  for (const char* bad :
       {"bad/not_a_zip/model.keras", "bad/zip_missing_config_json/model.keras",
        "bad/config_unknown_class_name/model.keras",
        "bad/empty_file/model.keras"}) {
    CliRun r = run_cli("summary " + fixture(bad));
    EXPECT_EQ(r.status, 1) << bad << ": " << r.output;
    EXPECT_THAT(r.output, HasSubstr("keras-cpp: error: ")) << bad;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1)
        << r.output;
  }
  CliRun missing = run_cli("summary /nonexistent.keras");
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.output, HasSubstr("File not found"));
}

TEST(CliTest, HelpExitsZero) {
  EXPECT_EQ(run_cli("--help").status, 0);
  EXPECT_EQ(run_cli("predict --help").status, 0);
}

}  // namespace
}  // namespace keras
