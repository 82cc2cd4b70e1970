// File: keras/ops/internal/conv_direct.h
// -----------------------------------------------------------------------------
// Direct float32 convolution, channels-last (NHWC and its 1D/3D kin), for
// x86 CPUs with AVX-512 or AVX2+FMA: an implicit GEMM that reads each
// output row's kernel taps straight from the input (no im2col buffer) and
// keeps a tile of output rows x output channels in vector registers. Row
// tiles are independent, so callers split them over threads and every
// thread runs single-threaded code; the epilogue adds the bias while the
// tile is in registers. Each output sums its taps in (tap, input channel)
// order whatever the batch size. Not part of the public API.
//
// The kernels live in per-ISA files (conv_direct_avx512.cpp,
// conv_direct_avx2.cpp) compiled for their instruction set; the CPU is
// checked at run time.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>

namespace keras::ops::internal {

// One convolution: x (batch, in..., cin), w (taps, cin, ldw) with the
// output channels in the first `cout` of ldw columns (ldw a multiple of the
// vector width, padded with zeros), y (batch, out..., cout). Spatial dims
// fill the last of the three slots (size 1 for the unused ones).
struct DirectConv {
  std::int64_t batch = 1, cin = 1, cout = 1, ldw = 1;
  std::int64_t in[3] = {1, 1, 1}, out[3] = {1, 1, 1}, k[3] = {1, 1, 1},
               stride[3] = {1, 1, 1}, dilation[3] = {1, 1, 1},
               pad[3] = {0, 0, 0};
  const float* x = nullptr;
  const float* w = nullptr;
  const float* bias = nullptr;  // ldw values, or null
  float* y = nullptr;
  const float* zeros = nullptr;  // cin zeros: what a padding tap reads
  // Set by direct_conv_plan.
  int width = 0;           // floats per vector
  int rows_per_tile = 0;   // output rows per register tile
  int vecs_per_block = 0;  // vectors of output channels per register tile

  std::int64_t taps() const { return k[0] * k[1] * k[2]; }
  std::int64_t rows() const { return batch * out[0] * out[1] * out[2]; }
  std::int64_t tiles() const {
    return (rows() + rows_per_tile - 1) / rows_per_tile;
  }
};

// Floats per vector of the widest kernel this CPU runs: 16 (AVX-512), 8
// (AVX2 + FMA), or 0 (none: use another path).
int direct_conv_width();

// Chooses the register tile for d.ldw output channels (width, rows per
// tile, vectors per block). d.ldw must be a multiple of direct_conv_width().
void direct_conv_plan(DirectConv& d);

// Computes the output rows of tiles [begin, end). Per-thread scratch: `src`
// holds taps() * rows_per_tile pointers, `off` taps() offsets.
void direct_conv_tiles(const DirectConv& d, std::int64_t begin,
                       std::int64_t end, const float** src, std::int64_t* off);

// Kernel gradient of the output rows [begin, end): dw (taps * cin, ldw)
// += their inputs, transposed, times gy (rows, ldw: the output gradient,
// columns padded like the weights). rows_per_tile is the row chunk (the
// caller sets it and width); `src` holds taps() * rows_per_tile pointers, `off`
// taps() offsets. d.y and d.w are not used.
void direct_conv_kernel_grad(const DirectConv& d, const float* gy,
                             std::int64_t begin, std::int64_t end, float* dw,
                             const float** src, std::int64_t* off);

// The per-ISA entry points behind direct_conv_tiles and
// direct_conv_kernel_grad.
void direct_conv_avx512(const DirectConv& d, std::int64_t begin,
                        std::int64_t end, const float** src, std::int64_t* off);
void direct_conv_avx2(const DirectConv& d, std::int64_t begin, std::int64_t end,
                      const float** src, std::int64_t* off);
void direct_conv_kernel_grad_avx512(const DirectConv& d, const float* gy,
                                    std::int64_t begin, std::int64_t end,
                                    float* dw, const float** src,
                                    std::int64_t* off);
void direct_conv_kernel_grad_avx2(const DirectConv& d, const float* gy,
                                  std::int64_t begin, std::int64_t end,
                                  float* dw, const float** src,
                                  std::int64_t* off);

}  // namespace keras::ops::internal
