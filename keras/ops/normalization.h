// File: keras/ops/normalization.h
// -----------------------------------------------------------------------------
// keras::ops normalization ops (Python: keras.ops.moments,
// batch_normalization, layer_normalization, rms_normalization, normalize in
// keras/src/ops/nn.py). Composed from numpy.h ops, so they are
// symbolic-aware and differentiable. Half-precision inputs compute in
// float32 (numpy.h's rule) and give float32; cast back if needed.
//
//   auto [mean, variance] = ops::moments(x, {0});
//   Tensor y = ops::batch_normalization(x, mean, variance, -1, beta, gamma);
//
// An undefined Tensor stands for Python's None (no offset / scale).
// -----------------------------------------------------------------------------
#pragma once

#include <array>
#include <utility>

#include "keras/backend/tensor.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

// Keras' default epsilon (keras.config.epsilon()).
inline constexpr double kDefaultEpsilon = 1e-7;

// Mean and (population) variance over `axes`, as Keras' backends compute
// them: variance = mean(x^2) - mean(x)^2.
std::pair<Tensor, Tensor> moments(const Tensor& x, const Axes& axes,
                                  bool keepdims = false);

// (x - mean) * rsqrt(variance + epsilon) * scale + offset, where mean,
// variance, offset and scale are 1-D tensors laid along `axis` of x.
Tensor batch_normalization(const Tensor& x, const Tensor& mean,
                           const Tensor& variance, std::int64_t axis,
                           const Tensor& offset = {}, const Tensor& scale = {},
                           double epsilon = 1e-3);

// keras.cpp's fused form of what BatchNormalization computes in training:
// mean, variance = moments(x, every axis but `axis`), then
// batch_normalization(x, mean, variance, axis, offset, scale, epsilon),
// in two passes over x forward and two backward, with the same gradients
// (through the statistics too) for x, offset and scale. x is float32 or
// float64; offset and scale are undefined or 1-D of x's dtype. Returns
// {y, mean, variance}; mean and variance carry no gradient.
std::array<Tensor, 3> batch_normalization_with_moments(
    const Tensor& x, std::int64_t axis, const Tensor& offset = {},
    const Tensor& scale = {}, double epsilon = 1e-3);

// Normalizes over `axes` per example: (x - mean) / sqrt(var + epsilon) *
// gamma + beta, gamma/beta shaped like x's `axes` dims. With rms_scaling
// (Keras' deprecated flag) it is x * rsqrt(var + epsilon) * gamma instead.
Tensor layer_normalization(const Tensor& x, const Tensor& gamma = {},
                           const Tensor& beta = {}, const Axes& axes = {-1},
                           double epsilon = kDefaultEpsilon,
                           bool rms_scaling = false);

// x * rsqrt(mean(x^2 over axes) + epsilon) * scale.
Tensor rms_normalization(const Tensor& x, const Tensor& scale = {},
                         const Axes& axes = {-1},
                         double epsilon = kDefaultEpsilon);

// L2 normalization over `axes`: x * min(rsqrt(sum(x^2)), 1 / epsilon)
// (keras.ops.normalize with order=2).
Tensor normalize(const Tensor& x, const Axes& axes = {-1},
                 double epsilon = kDefaultEpsilon);

// 1 / sqrt(x).
Tensor rsqrt(const Tensor& x);

}  // namespace keras::ops
