#include "keras/ops/internal/parallel.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace keras::ops::internal {
namespace {

TEST(ParallelTest, EveryPartRunsOnce) {
  for (int parts : {0, 1, 2, 7, 100}) {
    std::vector<std::atomic<int>> runs(std::size_t(parts > 0 ? parts : 1));
    parallel_for(parts, [&](int p) { runs[std::size_t(p)]++; });
    for (int p = 0; p < parts; ++p) EXPECT_EQ(runs[std::size_t(p)].load(), 1);
  }
}

TEST(ParallelTest, RangesCoverTheItemsOnce) {
  for (std::int64_t n : {0, 1, 5, 1000}) {
    std::vector<std::atomic<int>> seen(std::size_t(n > 0 ? n : 1));
    parallel_ranges(n, 3, [&](std::int64_t b, std::int64_t e) {
      for (std::int64_t i = b; i < e; ++i) seen[std::size_t(i)]++;
    });
    for (std::int64_t i = 0; i < n; ++i) EXPECT_EQ(seen[std::size_t(i)], 1);
  }
}

TEST(ParallelTest, NestedAndConcurrentCallsRunAllParts) {
  std::atomic<int> total{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        parallel_for(3, [&](int) { parallel_for(2, [&](int) { total++; }); });
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(total.load(), 4 * 50 * 3 * 2);
}

TEST(ParallelTest, ExceptionsReachTheCaller) {
  EXPECT_THROW(parallel_for(4,
                            [](int p) {
                              if (p == 2) throw std::runtime_error("part 2");
                            }),
               std::runtime_error);
  // The pool still works afterwards.
  std::atomic<int> n{0};
  parallel_for(4, [&](int) { n++; });
  EXPECT_EQ(n.load(), 4);
}

// A forked child (the pool's workers are not copied) still runs every part.
TEST(ParallelTest, WorksInAForkedChild) {
  std::atomic<int> n{0};
  parallel_for(4, [&](int) { n++; });  // the parent's pool exists
  const pid_t pid = fork();
  if (pid == 0) {
    std::atomic<int> m{0};
    parallel_for(8, [&](int) { m++; });
    _exit(m.load() == 8 ? 0 : 1);
  }
  ASSERT_GT(pid, 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace keras::ops::internal
