// File: keras/layers/rnn/recurrent_kernels.h
// -----------------------------------------------------------------------------
// Single-threaded float32 kernels for the inference recurrence of the RNN
// cells (RNNCellBase::fused_recurrence): the per-step product of the state
// rows with the recurrent kernel, and vectorised activations.
//
// Per step the work is small (LSTM(128): 128 x 512 multiply-adds per row)
// and the recurrent kernel stays in cache across the steps, so a plain
// vectorised loop beats a call into the threaded BLAS, whose thread hand-off
// and packing cost more than the product; glibc's scalar tanhf/expf cost more
// than the product too. The kernels are built for baseline x86-64 and for
// AVX2+FMA, picked once at run time from the CPU (the library itself is not
// built with -march=native).
//
//   rnn_kernels::matmul(h, batch, u, u, rk, 4 * u, 4 * u, z, 4 * u);
//   rnn_kernels::activate(rnn_kernels::Act::kSigmoid, z, 2 * u);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>

#include "keras/activations/activations.h"

namespace keras::layers::rnn_kernels {

// The activations the kernels compute (the built-ins of these names).
enum class Act { kLinear, kSigmoid, kTanh, kRelu };

// The kernel for a built-in activation, or nullopt (the cell then runs its
// recorded-op step).
std::optional<Act> act_of(const activations::Activation& activation);

// out (rows x n, row stride ldo) = a (rows x k, row stride lda) @ w (k x n,
// row stride ldw). Single-threaded for few rows; many rows go to the BLAS.
void matmul(const float* a, std::int64_t rows, std::int64_t k, std::int64_t lda,
            const float* w, std::int64_t n, std::int64_t ldw, float* out,
            std::int64_t ldo);

// x = act(x) in place. sigmoid and tanh are polynomial approximations
// within a few ulp of libm's (NaN stays NaN, +-inf saturate).
void activate(Act act, float* x, std::int64_t n);

// The baseline x86-64 builds of the two (what CPUs without AVX2+FMA run),
// for the tests on machines that have it.
namespace baseline {
void matmul(const float* a, std::int64_t rows, std::int64_t k, std::int64_t lda,
            const float* w, std::int64_t n, std::int64_t ldw, float* out,
            std::int64_t ldo);
void activate(Act act, float* x, std::int64_t n);
}  // namespace baseline

}  // namespace keras::layers::rnn_kernels
