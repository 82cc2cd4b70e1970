#include "keras/backend/tensor_cache.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "keras/backend/tensor.h"

namespace keras {
namespace {

TEST(TensorCacheTest, FreedBuffersAreReusedForTheSameSize) {
  const char* env = std::getenv("KERAS_TENSOR_CACHE_MB");
  if (env && std::atol(env) == 0) GTEST_SKIP() << "caching turned off";
  const TensorCacheScope scope;
  const void* first = nullptr;
  {
    Tensor a = Tensor::zeros({512, 512}, DType::float32);
    first = a.raw_data();
  }
  Tensor b = Tensor::zeros({512, 512}, DType::float32);
  EXPECT_EQ(b.raw_data(), first);
  // Reused buffers still start as the constructor says.
  EXPECT_EQ(b.data<float>()[12345], 0.0f);
  // Small tensors go straight to the allocator.
  Tensor c = Tensor::zeros({4}, DType::float32);
  EXPECT_NE(c.raw_data(), nullptr);
}

}  // namespace
}  // namespace keras
