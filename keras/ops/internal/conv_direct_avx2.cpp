// The direct convolution kernel (conv_direct_impl.h) compiled for
// AVX2 + FMA (8 floats per vector). Only called when the CPU has it
// (conv_direct.cpp checks).
#include "keras/ops/internal/conv_direct.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), \
                             apply_to = function)
#else
#pragma GCC target("avx2,fma")
#endif

#define KERAS_CONV_WIDTH 8
#define KERAS_CONV_ENTRY direct_conv_avx2
#define KERAS_CONV_GRAD_ENTRY direct_conv_kernel_grad_avx2
#include "keras/ops/internal/conv_direct_impl.h"

#if defined(__clang__)
#pragma clang attribute pop
#endif
#endif
