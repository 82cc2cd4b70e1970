// File: keras/ops/internal/conv_direct_impl.h
// -----------------------------------------------------------------------------
// The direct convolution kernel of conv_direct.h, written once with GCC
// vector extensions and included by each per-ISA file after its target
// pragma, with KERAS_CONV_WIDTH (floats per vector) and KERAS_CONV_ENTRY
// (the entry point's name) defined. Everything here has internal linkage
// and uses no standard-library templates, so no function compiled for one
// instruction set can stand in for another's at link time.
// -----------------------------------------------------------------------------
// No include guard: each per-ISA file includes it once.

namespace keras::ops::internal {

namespace {

constexpr int W = KERAS_CONV_WIDTH;
// Unaligned vector loads and stores.
typedef float V __attribute__((vector_size(W * sizeof(float)), aligned(4)));

// One register tile: R output rows x JB vectors of output channels
// starting at column j0. src[t * R + r] is where row r's tap t reads its
// cin input channels.
template <int R, int JB>
inline void tile(const DirectConv& d, const float* const* src,
                 std::int64_t row0, int rows_valid, std::int64_t j0) {
  const std::int64_t taps = d.taps(), cin = d.cin, ldw = d.ldw;
  V acc[R][JB];
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int j = 0; j < JB; ++j) acc[r][j] = V{};
  }
  for (std::int64_t t = 0; t < taps; ++t) {
    const float* const* s = src + t * R;
    const float* p[R];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) p[r] = s[r];
    const float* wt = d.w + t * cin * ldw + j0;
    for (std::int64_t c = 0; c < cin; ++c) {
      V wv[JB];
#pragma GCC unroll 4
      for (int j = 0; j < JB; ++j) wv[j] = *(const V*)(wt + c * ldw + j * W);
#pragma GCC unroll 16
      for (int r = 0; r < R; ++r) {
        // x - 0 is x for every x (-0 included): a plain broadcast.
        const V b = p[r][c] - V{};
#pragma GCC unroll 4
        for (int j = 0; j < JB; ++j) acc[r][j] += b * wv[j];
      }
    }
  }
  // Epilogue: bias, then the valid rows and channels.
  V bias[JB];
#pragma GCC unroll 4
  for (int j = 0; j < JB; ++j) {
    bias[j] = d.bias ? *(const V*)(d.bias + j0 + j * W) : V{};
  }
  const bool full = j0 + JB * W <= d.cout;
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
    if (r >= rows_valid) break;
    float* yr = d.y + (row0 + r) * d.cout + j0;
#pragma GCC unroll 4
    for (int j = 0; j < JB; ++j) {
      V v = acc[r][j];
      if (d.bias) v += bias[j];
      if (full) {
        *(V*)(yr + j * W) = v;
      } else {
        for (int l = 0; l < W; ++l) {
          if (j0 + j * W + l < d.cout) yr[j * W + l] = v[l];
        }
      }
    }
  }
}

// src pointers of the tile starting at output row row0. The output
// coordinates advance row by row (no division per row); a row whose whole
// window lies inside the input takes the precomputed tap offsets `off`.
inline int tile_sources(const DirectConv& d, int R, std::int64_t row0,
                        const std::int64_t* off, const float** src) {
  const std::int64_t rows = d.rows(), taps = d.taps();
  const std::int64_t out_size = d.out[0] * d.out[1] * d.out[2];
  const std::int64_t in_size = d.in[0] * d.in[1] * d.in[2];
  std::int64_t n = row0 / out_size, p = row0 % out_size;
  std::int64_t o2 = p % d.out[2], o1 = (p / d.out[2]) % d.out[1],
               o0 = p / (d.out[2] * d.out[1]);
  int valid = 0;
  for (int r = 0; r < R; ++r) {
    if (row0 + r >= rows) {
      for (std::int64_t t = 0; t < taps; ++t) src[t * R + r] = d.zeros;
      continue;
    }
    ++valid;
    const float* base = d.x + n * in_size * d.cin;
    const std::int64_t b0 = o0 * d.stride[0] - d.pad[0],
                       b1 = o1 * d.stride[1] - d.pad[1],
                       b2 = o2 * d.stride[2] - d.pad[2];
    if (b0 >= 0 && b0 + (d.k[0] - 1) * d.dilation[0] < d.in[0] && b1 >= 0 &&
        b1 + (d.k[1] - 1) * d.dilation[1] < d.in[1] && b2 >= 0 &&
        b2 + (d.k[2] - 1) * d.dilation[2] < d.in[2]) {
      const float* corner = base + ((b0 * d.in[1] + b1) * d.in[2] + b2) * d.cin;
      for (std::int64_t t = 0; t < taps; ++t) src[t * R + r] = corner + off[t];
    } else {
      std::int64_t t = 0;
      for (std::int64_t k0 = 0; k0 < d.k[0]; ++k0) {
        const std::int64_t i0 = b0 + k0 * d.dilation[0];
        const bool v0 = i0 >= 0 && i0 < d.in[0];
        for (std::int64_t k1 = 0; k1 < d.k[1]; ++k1) {
          const std::int64_t i1 = b1 + k1 * d.dilation[1];
          const bool v1 = v0 && i1 >= 0 && i1 < d.in[1];
          for (std::int64_t k2 = 0; k2 < d.k[2]; ++k2, ++t) {
            const std::int64_t i2 = b2 + k2 * d.dilation[2];
            const bool v = v1 && i2 >= 0 && i2 < d.in[2];
            src[t * R + r] =
                v ? base + ((i0 * d.in[1] + i1) * d.in[2] + i2) * d.cin
                  : d.zeros;
          }
        }
      }
    }
    // Next output row.
    if (++o2 == d.out[2]) {
      o2 = 0;
      if (++o1 == d.out[1]) {
        o1 = 0;
        if (++o0 == d.out[0]) {
          o0 = 0;
          ++n;
        }
      }
    }
  }
  return valid;
}

// Tap offsets from a window's first input pixel.
inline void tap_offsets(const DirectConv& d, std::int64_t* off) {
  std::int64_t t = 0;
  for (std::int64_t k0 = 0; k0 < d.k[0]; ++k0) {
    for (std::int64_t k1 = 0; k1 < d.k[1]; ++k1) {
      for (std::int64_t k2 = 0; k2 < d.k[2]; ++k2, ++t) {
        off[t] =
            ((k0 * d.dilation[0] * d.in[1] + k1 * d.dilation[1]) * d.in[2] +
             k2 * d.dilation[2]) *
            d.cin;
      }
    }
  }
}

template <int R, int JB>
void run_tiles(const DirectConv& d, std::int64_t begin, std::int64_t end,
               const float** src, std::int64_t* off) {
  tap_offsets(d, off);
  for (std::int64_t tl = begin; tl < end; ++tl) {
    const std::int64_t row0 = tl * R;
    const int valid = tile_sources(d, R, row0, off, src);
    for (std::int64_t j0 = 0; j0 < d.ldw; j0 += JB * W) {
      tile<R, JB>(d, src, row0, valid, j0);
    }
  }
}

// Kernel gradient of one (tap t, CB input channels from c0, JB vectors of
// output channels from j0) block over `rows` output rows: dw += the rows'
// inputs at the tap, transposed, times their output gradients gy (ld
// d.ldw). Rows whose tap reads padding add nothing and are skipped.
template <int CB, int JB>
inline void kernel_block(const DirectConv& d, const float* const* src, int rows,
                         int R, const float* gy, std::int64_t t,
                         std::int64_t c0, std::int64_t j0, float* dw) {
  V acc[CB][JB];
#pragma GCC unroll 8
  for (int c = 0; c < CB; ++c) {
#pragma GCC unroll 4
    for (int j = 0; j < JB; ++j) acc[c][j] = V{};
  }
  const float* const* s = src + t * R;
  for (int r = 0; r < rows; ++r) {
    const float* p = s[r];
    if (p == d.zeros) continue;
    p += c0;
    const float* g = gy + r * d.ldw + j0;
    V gv[JB];
#pragma GCC unroll 4
    for (int j = 0; j < JB; ++j) gv[j] = *(const V*)(g + j * W);
#pragma GCC unroll 8
    for (int c = 0; c < CB; ++c) {
      const V b = p[c] - V{};
#pragma GCC unroll 4
      for (int j = 0; j < JB; ++j) acc[c][j] += b * gv[j];
    }
  }
#pragma GCC unroll 8
  for (int c = 0; c < CB; ++c) {
    float* out = dw + (t * d.cin + c0 + c) * d.ldw + j0;
#pragma GCC unroll 4
    for (int j = 0; j < JB; ++j) *(V*)(out + j * W) += acc[c][j];
  }
}

template <int CB, int JB>
void run_kernel_grad(const DirectConv& d, const float* gy, std::int64_t begin,
                     std::int64_t end, float* dw, const float** src,
                     std::int64_t* off) {
  const int R = d.rows_per_tile;
  const std::int64_t taps = d.taps();
  tap_offsets(d, off);
  for (std::int64_t row0 = begin; row0 < end; row0 += R) {
    const int rows = int(end - row0 < R ? end - row0 : R);
    tile_sources(d, R, row0, off, src);
    const float* g = gy + row0 * d.ldw;
    for (std::int64_t t = 0; t < taps; ++t) {
      for (std::int64_t c0 = 0; c0 < d.cin; c0 += CB) {
        for (std::int64_t j0 = 0; j0 < d.ldw; j0 += JB * W) {
          kernel_block<CB, JB>(d, src, rows, R, g, t, c0, j0, dw);
        }
      }
    }
  }
}

}  // namespace

void KERAS_CONV_GRAD_ENTRY(const DirectConv& d, const float* gy,
                           std::int64_t begin, std::int64_t end, float* dw,
                           const float** src, std::int64_t* off) {
  // Input channels per block: the largest of 8 (4 with AVX2), 4, 3, 2, 1
  // that divides cin; two vectors of output channels when they divide.
  const bool two = (d.ldw / W) % 2 == 0;
  const std::int64_t cin = d.cin;
#define KERAS_CONV_GRAD_CASE(CB)                                             \
  if (cin % CB == 0) {                                                       \
    if (two) return run_kernel_grad<CB, 2>(d, gy, begin, end, dw, src, off); \
    return run_kernel_grad<CB, 1>(d, gy, begin, end, dw, src, off);          \
  }
#if KERAS_CONV_WIDTH == 16
  KERAS_CONV_GRAD_CASE(8)
#endif
  KERAS_CONV_GRAD_CASE(4)
  KERAS_CONV_GRAD_CASE(3)
  KERAS_CONV_GRAD_CASE(2)
  KERAS_CONV_GRAD_CASE(1)
#undef KERAS_CONV_GRAD_CASE
}

void KERAS_CONV_ENTRY(const DirectConv& d, std::int64_t begin, std::int64_t end,
                      const float** src, std::int64_t* off) {
  // The (rows, vectors) tiles direct_conv_plan picks; each fits the
  // accumulators in the vector registers (32 with AVX-512, 16 with AVX2).
  const int r = d.rows_per_tile, jb = d.vecs_per_block;
#if KERAS_CONV_WIDTH == 16
  if (r == 12 && jb == 2) return run_tiles<12, 2>(d, begin, end, src, off);
  if (r == 8 && jb == 3) return run_tiles<8, 3>(d, begin, end, src, off);
  if (r == 6 && jb == 4) return run_tiles<6, 4>(d, begin, end, src, off);
  if (r == 14 && jb == 1) return run_tiles<14, 1>(d, begin, end, src, off);
#else
  if (r == 6 && jb == 2) return run_tiles<6, 2>(d, begin, end, src, off);
  if (r == 4 && jb == 3) return run_tiles<4, 3>(d, begin, end, src, off);
  if (r == 3 && jb == 4) return run_tiles<3, 4>(d, begin, end, src, off);
  if (r == 8 && jb == 1) return run_tiles<8, 1>(d, begin, end, src, off);
#endif
  __builtin_trap();  // direct_conv_plan and this list disagree
}

}  // namespace keras::ops::internal
