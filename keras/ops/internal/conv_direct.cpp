#include "keras/ops/internal/conv_direct.h"

#include <cstdlib>

namespace keras::ops::internal {

namespace {

int detect_width() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  // KERAS_CONV_DIRECT=0 turns the kernels off (for comparisons); =8 keeps
  // to AVX2 on an AVX-512 CPU.
  const char* env = std::getenv("KERAS_CONV_DIRECT");
  const int cap = env ? std::atoi(env) : 16;
  __builtin_cpu_init();
  if (cap >= 16 && __builtin_cpu_supports("avx512f") &&
      __builtin_cpu_supports("avx512vl")) {
    return 16;
  }
  if (cap >= 8 && __builtin_cpu_supports("avx2") &&
      __builtin_cpu_supports("fma")) {
    return 8;
  }
#endif
  return 0;
}

}  // namespace

int direct_conv_width() {
  static const int width = detect_width();
  return width;
}

void direct_conv_plan(DirectConv& d) {
  const int w = direct_conv_width();
  const std::int64_t vecs = d.ldw / w;
  d.width = w;
  // Accumulators: 24 of the 32 AVX-512 registers, 12 of the 16 AVX2 ones;
  // the rest hold the weights and the broadcast input. Two vectors per
  // block when they divide the channels: the most rows per weight load.
  const bool wide = w == 16;
  if (vecs % 2 == 0) {
    d.vecs_per_block = 2;
    d.rows_per_tile = wide ? 12 : 6;
  } else if (vecs % 3 == 0) {
    d.vecs_per_block = 3;
    d.rows_per_tile = wide ? 8 : 4;
  } else {
    d.vecs_per_block = 1;
    d.rows_per_tile = wide ? 14 : 8;
  }
}

void direct_conv_tiles(const DirectConv& d, std::int64_t begin,
                       std::int64_t end, const float** src, std::int64_t* off) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (d.width == 16) return direct_conv_avx512(d, begin, end, src, off);
  if (d.width == 8) return direct_conv_avx2(d, begin, end, src, off);
#endif
  (void)d, (void)begin, (void)end, (void)src, (void)off;
}

void direct_conv_kernel_grad(const DirectConv& d, const float* gy,
                             std::int64_t begin, std::int64_t end, float* dw,
                             const float** src, std::int64_t* off) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (d.width == 16) {
    return direct_conv_kernel_grad_avx512(d, gy, begin, end, dw, src, off);
  }
  if (d.width == 8) {
    return direct_conv_kernel_grad_avx2(d, gy, begin, end, dw, src, off);
  }
#endif
  (void)d, (void)gy, (void)begin, (void)end, (void)dw, (void)src, (void)off;
}

}  // namespace keras::ops::internal
