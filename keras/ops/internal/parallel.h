// File: keras/ops/internal/parallel.h
// -----------------------------------------------------------------------------
// A small process-wide thread pool for kernels that split their own work
// (the direct convolution, batch normalization): each part then runs
// single-threaded code, which beats a multi-threaded BLAS call per small
// product. The thread count follows OpenBLAS' (OPENBLAS_NUM_THREADS,
// openblas_set_num_threads), so one setting governs all of keras.cpp's
// threads. Not part of the public API.
//
// Safe from several threads: a call made while the pool is busy (another
// thread's kernel, or a nested call from inside a part) runs its parts on
// the calling thread instead of waiting.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <functional>

namespace keras::ops::internal {

// Threads a parallel region may use (>= 1).
int num_threads();

// Calls f(part) once for every part in [0, parts), spread over up to
// num_threads() threads (the caller is one of them); returns when all are
// done. The first exception a part throws is rethrown.
void parallel_for(int parts, const std::function<void(int)>& f);

// Splits [0, n) into contiguous ranges of at least `grain` items (up to
// four per thread, so that running threads take over a late one's) and
// calls f(begin, end) for each, in parallel.
void parallel_ranges(std::int64_t n, std::int64_t grain,
                     const std::function<void(std::int64_t, std::int64_t)>& f);

}  // namespace keras::ops::internal
