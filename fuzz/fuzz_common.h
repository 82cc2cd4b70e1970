// File: fuzz/fuzz_common.h
// -----------------------------------------------------------------------------
// Shared by the libFuzzer harnesses (issue 7): run a loader on the input and
// accept success or a keras::Error; anything else (another exception, a
// crash, a sanitizer report) is a finding.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "keras/core/error.h"

namespace keras::fuzz {

// Limits small enough that a fuzzer run never spends its time allocating
// (the defaults allow gigabytes); every cap is still exercised.
inline constexpr std::uint64_t kFuzzMaxBytes = std::uint64_t{64} << 20;

template <class F>
int run_one(F f) {
  try {
    f();
  } catch (const Error&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "non-keras exception: %s\n", e.what());
    std::abort();
  }
  return 0;
}

}  // namespace keras::fuzz
