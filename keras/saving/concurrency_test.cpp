// Concurrency (issue 7, docs/thread-safety.md): one loaded model predicts
// from 8 threads at once with the single-thread results, and many files load
// in parallel. `make tsan` runs these tests under ThreadSanitizer.
//
// KERAS_CONCURRENCY_CALLS sets the calls per thread (default 1000; the
// issue's 10,000 is an offline run).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "keras/keras.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/npy.h"

namespace keras::saving {
namespace {

using testing::fixture;

constexpr int kThreads = 8;

int calls_per_thread() {
  const char* v = std::getenv("KERAS_CONCURRENCY_CALLS");
  return v ? std::atoi(v) : 1000;
}

TEST(ConcurrencyTest, PredictFromEightThreadsMatchesSingleThread) {
  const std::string dir = fixture("bad/valid_reference/");
  auto model = load_model(dir + "model.keras", {.compile = false});
  const Tensor x = load_npy(dir + "input_0.npy");
  const std::vector<double> expected = model->predict(x).to_double_vector();
  const int calls = calls_per_thread();
  std::atomic<int> mismatches{0}, errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < calls; ++i) {
        try {
          if (model->predict(x).to_double_vector() != expected) ++mismatches;
        } catch (...) {
          ++errors;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(errors, 0);
}

TEST(ConcurrencyTest, CallingTheModelDirectlyFromThreads) {
  const std::string dir = fixture("bad/valid_reference/");
  auto model = load_model(dir + "model.keras", {.compile = false});
  const Tensor x = load_npy(dir + "input_0.npy");
  const std::vector<double> expected = (*model)(x).to_double_vector();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < calls_per_thread() / 10; ++i) {
        if ((*model)(x).to_double_vector() != expected) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, 0);
}

TEST(ConcurrencyTest, LoadingManyFilesInParallel) {
  const std::vector<std::string> cases = {"bad/valid_reference",
                                          "models/residual_cnn_block",
                                          "models/multi_io_list",
                                          "models/shared_layers",
                                          "models/functional_in_functional",
                                          "models/sequential_nested_sequential",
                                          "weights/legacy_h5_sequential_mlp"};
  auto file_of = [](const std::string& c) {
    return fixture(c +
                   (c.starts_with("weights/") ? "/model.h5" : "/model.keras"));
  };
  // Reference: the variables of each file loaded alone.
  std::vector<std::vector<std::vector<double>>> expected;
  for (const auto& c : cases) {
    std::vector<std::vector<double>> values;
    for (const Tensor& w : load_model(file_of(c))->get_weights()) {
      values.push_back(w.to_double_vector());
    }
    expected.push_back(values);
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 6; ++i) {
        const std::size_t k = (t + i) % cases.size();
        try {
          auto model = load_model(file_of(cases[k]));
          std::vector<std::vector<double>> values;
          for (const Tensor& w : model->get_weights()) {
            values.push_back(w.to_double_vector());
          }
          if (values != expected[k]) ++failures;
        } catch (...) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace keras::saving
