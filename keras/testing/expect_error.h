// File: keras/testing/expect_error.h
// -----------------------------------------------------------------------------
// Test helper (GoogleTest): expects `f()` to throw a keras::Error (any kind,
// or the kind E given) whose message contains `text`, for the bad-argument
// tests of layers:
//
//   keras::testing::expect_error([] { keras::layers::Dense(0); },
//                                "Received: units=0");
//   keras::testing::expect_error<keras::ValueError>(f, "must be positive");
// -----------------------------------------------------------------------------
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "keras/core/error.h"

namespace keras::testing {

template <class E = Error, class F>
void expect_error(F f, const std::string& text) {
  try {
    f();
    ADD_FAILURE() << "no error; expected one saying: " << text;
  } catch (const E& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr(text));
  }
}

// The message of the E that f() throws; a test failure if it throws none.
template <class E = Error, class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception of the expected type";
  return "";
}

}  // namespace keras::testing
