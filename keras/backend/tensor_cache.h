// File: keras/backend/tensor_cache.h
// -----------------------------------------------------------------------------
// Reuse of freed tensor buffers (Storage in tensor.h allocates through it).
// -----------------------------------------------------------------------------
#pragma once

#include <cstddef>

namespace keras {

// While a TensorCacheScope lives (on any thread), freed tensor buffers of
// 64 KiB or more are kept, up to `bytes` more than the always-on cache
// (KERAS_TENSOR_CACHE_MB, default 64 MiB; 0 turns caching off), and handed
// to the next allocation of the same size. A training loop allocates the
// same sizes every step; fresh pages from the system cost a page fault and
// a zeroing each. The extra is released when the last scope ends.
class TensorCacheScope {
 public:
  explicit TensorCacheScope(std::size_t bytes = std::size_t(1) << 30);
  ~TensorCacheScope();
  TensorCacheScope(const TensorCacheScope&) = delete;
  TensorCacheScope& operator=(const TensorCacheScope&) = delete;

 private:
  std::size_t bytes_;
};

}  // namespace keras
