#include "keras/saving/config_reader.h"

#include <gtest/gtest.h>

#include "keras/core/error.h"
#include "keras/testing/expect_error.h"

namespace keras::saving {
namespace {

TEST(ConfigReaderTest, ReadsValuesWithFallbacks) {
  const Json config = {{"units", 4}, {"rate", 0.5}, {"name", "d"}};
  ConfigReader r(config, "Dense");
  EXPECT_EQ(r.required<int>("units"), 4);
  EXPECT_EQ(r.get("rate", 0.0), 0.5);
  EXPECT_EQ(r.get("missing", 7), 7);
  EXPECT_FALSE(r.optional<std::string>("missing").has_value());
}

TEST(ConfigReaderTest, IntegralFloatsAreIntegers) {
  const Json config = {{"units", 3.0}, {"bad", 3.5}};
  ConfigReader r(config, "Dense");  // keeps a reference: config must outlive r
  EXPECT_EQ(r.required<int>("units"), 3);
  keras::testing::expect_error<TypeError>([&] { r.required<int>("bad"); },
                          "`bad` must be an integer");
}

TEST(ConfigReaderTest, NumbersStoredAsArrayRecordsAreUnwrapped) {
  const Json tensor = {{"class_name", "__tensor__"},
                       {"config", {{"value", {0.25}}, {"dtype", "float32"}}}};
  const Json numpy = {{"class_name", "__numpy__"},
                      {"config", {{"value", 2.0}, {"dtype", "float64"}}}};
  const Json two = {{"class_name", "__tensor__"},
                    {"config", {{"value", {1.0, 2.0}}, {"dtype", "float32"}}}};
  const Json config = {{"a", tensor}, {"b", numpy}, {"c", two}};
  ConfigReader r(config, "Masking");
  EXPECT_EQ(r.required<double>("a"), 0.25);
  EXPECT_EQ(r.required<double>("b"), 2.0);
  try {
    r.required<double>("c");
    FAIL() << "a two-element array is not a number";
  } catch (const TypeError& e) {
    EXPECT_NE(std::string(e.what()).find("Masking"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("`c`"), std::string::npos);
  }
}

TEST(ConfigReaderTest, MissingRequiredValueNamesKeyAndClass) {
  const Json config = Json::object();
  ConfigReader r(config, "Dense");
  try {
    r.required<int>("units");
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("Dense"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("units"), std::string::npos);
  }
}

}  // namespace
}  // namespace keras::saving
