// File: keras/version_test.cpp
#include "keras/version.h"

#include <gtest/gtest.h>

#include <string>

#include "keras/saving/saving_lib.h"

namespace keras {
namespace {

TEST(Version, LibraryMatchesHeaders) {
  EXPECT_EQ(std::string(version()), kVersion);
  EXPECT_EQ(std::string(kVersion), std::to_string(kVersionMajor) + "." +
                                       std::to_string(kVersionMinor) + "." +
                                       std::to_string(kVersionPatch));
}

TEST(Version, SavesWriteTheKerasVersion) {
  // metadata.json's keras_version (checked against saved files in
  // saving_lib_test) is this constant.
  EXPECT_STREQ(saving::kKerasFormatVersion, kKerasVersion);
  EXPECT_EQ(std::string(kKerasVersion).substr(0, 2), "3.");
}

}  // namespace
}  // namespace keras
