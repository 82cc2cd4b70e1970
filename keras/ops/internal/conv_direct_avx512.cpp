// The direct convolution kernel (conv_direct_impl.h) compiled for
// AVX-512 (16 floats per vector). Only called when the CPU has it
// (conv_direct.cpp checks).
#include "keras/ops/internal/conv_direct.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#if defined(__clang__)
#pragma clang attribute push( \
    __attribute__((target("avx512f,avx512vl,avx2,fma"))), apply_to = function)
#else
#pragma GCC target("avx512f,avx512vl,avx2,fma")
#endif

#define KERAS_CONV_WIDTH 16
#define KERAS_CONV_ENTRY direct_conv_avx512
#define KERAS_CONV_GRAD_ENTRY direct_conv_kernel_grad_avx512
#include "keras/ops/internal/conv_direct_impl.h"

#if defined(__clang__)
#pragma clang attribute pop
#endif
#endif
