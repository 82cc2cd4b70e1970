#include "keras/ops/internal/parallel.h"

#include <cblas.h>
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace keras::ops::internal {

namespace {

// Workers sleep on a condition variable between jobs; a job hands out its
// parts through an atomic counter, so the caller and the workers take
// parts until none is left.
class Pool {
 public:
  // Runs the job, or returns false when the pool is busy.
  bool run(int parts, int threads, const std::function<void(int)>& f) {
    // A nested call (from inside a part) must not touch busy_, which its
    // own thread may hold.
    if (inside_part_) return false;
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    grow(threads - 1);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &f;
      parts_ = parts;
      next_.store(0);
      error_ = nullptr;
      // Workers beyond the ones this job may use stay asleep.
      active_ = std::min<int>(threads - 1, int(workers_.size()));
      pending_ = active_;
      ++generation_;
    }
    wake_.notify_all();
    work();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
    job_ = nullptr;
    if (error_) std::rethrow_exception(error_);
    return true;
  }

 private:
  void grow(int n) {
    while (int(workers_.size()) < n) {
      const int index = int(workers_.size());
      workers_.emplace_back([this, index] { loop(index); });
      workers_.back().detach();
    }
  }

  void loop(int index) {
    std::uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (index >= active_) continue;
      }
      work();
      std::lock_guard<std::mutex> lock(mutex_);
      if (--pending_ == 0) done_.notify_one();
    }
  }

  // Takes parts until none is left.
  void work() {
    inside_part_ = true;
    for (int p; (p = next_.fetch_add(1)) < parts_;) {
      try {
        (*job_)(p);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
    }
    inside_part_ = false;
  }

  std::mutex busy_, mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  const std::function<void(int)>* job_ = nullptr;
  int parts_ = 0, active_ = 0, pending_ = 0;
  std::atomic<int> next_{0};
  std::uint64_t generation_ = 0;
  std::exception_ptr error_;
  static thread_local bool inside_part_;
};

thread_local bool Pool::inside_part_ = false;

// Never destroyed: detached workers may still wait on it at exit. A forked
// child has none of the parent's workers (and maybe a locked mutex of a
// thread that does not exist there): it starts a fresh pool.
Pool* current_pool = nullptr;

Pool& pool() {
  static const bool registered = [] {
    current_pool = new Pool;
    pthread_atfork(nullptr, nullptr, [] { current_pool = new Pool; });
    return true;
  }();
  (void)registered;
  return *current_pool;
}

}  // namespace

int num_threads() { return std::max(1, openblas_get_num_threads()); }

void parallel_for(int parts, const std::function<void(int)>& f) {
  if (parts <= 0) return;
  const int threads = std::min(parts, num_threads());
  if (threads > 1 && pool().run(parts, threads, f)) return;
  for (int p = 0; p < parts; ++p) f(p);
}

void parallel_ranges(std::int64_t n, std::int64_t grain,
                     const std::function<void(std::int64_t, std::int64_t)>& f) {
  if (n <= 0) return;
  // Up to four parts per thread: when a worker waits for a core (a loaded
  // machine), the threads that run take its parts instead of waiting.
  const int threads = num_threads();
  const std::int64_t parts = std::clamp<std::int64_t>(
      n / std::max<std::int64_t>(grain, 1), 1, threads > 1 ? 4 * threads : 1);
  parallel_for(int(parts),
               [&](int p) { f(n * p / parts, n * (p + 1) / parts); });
}

}  // namespace keras::ops::internal
