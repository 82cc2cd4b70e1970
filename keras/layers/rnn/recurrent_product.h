// File: keras/layers/rnn/recurrent_product.h
// -----------------------------------------------------------------------------
// RecurrentProduct: state @ recurrent kernel (or a column slice of it) at
// every step of one inference sequence (the cells' FusedRecurrence).
//
// For few rows the product is bound by reading the kernel from L2 each step
// (LSTM(128): 256 KB per step). Read in column panels of 64 whose rows are
// contiguous, it streams about 1.5x faster than from the row-major variable
// (2.7 -> 1.75 us per LSTM(128) step), so from the third step on the kernel
// is used from such a copy (the copy costs about two steps' products; one-
// and two-step sequences skip it).
//
//   RecurrentProduct rk(w, units, 4 * units, 4 * units, batch);
//   rk(h, units, z, 4 * units);   // each step
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <vector>

namespace keras::layers::rnn_kernels {

// Columns per panel of a packed kernel.
inline constexpr std::int64_t kPanel = 64;

// w (k x n, row stride ldw) as column panels: panel j holds columns
// [64j, 64j + 64) of all k rows, row after row (zero past n).
std::vector<float> pack_panels(const float* w, std::int64_t k, std::int64_t n,
                               std::int64_t ldw);

// out (rows x n, row stride ldo) = a (rows x k, row stride lda) @ the packed
// w. Single-threaded.
void matmul_packed(const float* a, std::int64_t rows, std::int64_t k,
                   std::int64_t lda, const float* panels, std::int64_t n,
                   float* out, std::int64_t ldo);

namespace baseline {  // what CPUs without AVX2+FMA run, for the tests
void matmul_packed(const float* a, std::int64_t rows, std::int64_t k,
                   std::int64_t lda, const float* panels, std::int64_t n,
                   float* out, std::int64_t ldo);
}  // namespace baseline

class RecurrentProduct {
 public:
  // w must outlive this object (the cells keep the variable's tensor).
  RecurrentProduct(const float* w, std::int64_t k, std::int64_t n,
                   std::int64_t ldw, std::int64_t rows)
      : w_(w), k_(k), n_(n), ldw_(ldw), rows_(rows) {}

  // out (rows x n, row stride ldo) = a (rows x k, row stride lda) @ w.
  void operator()(const float* a, std::int64_t lda, float* out,
                  std::int64_t ldo);

 private:
  const float* w_;
  std::int64_t k_, n_, ldw_, rows_;
  int calls_ = 0;
  std::vector<float> panels_;  // empty until packed
};

}  // namespace keras::layers::rnn_kernels
