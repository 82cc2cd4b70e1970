// File: keras/ops/nn.h
// -----------------------------------------------------------------------------
// keras::ops' neural-network operations (Python: keras/src/ops/nn.py). Same
// conventions as numpy.h: symbolic-aware, differentiable, Keras' math.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>

#include "keras/backend/tensor.h"

namespace keras::ops {

Tensor relu(const Tensor& x);
Tensor sigmoid(const Tensor& x);
Tensor softplus(const Tensor& x);
Tensor relu6(const Tensor& x);
Tensor leaky_relu(const Tensor& x, double negative_slope = 0.2);
Tensor elu(const Tensor& x, double alpha = 1.0);
Tensor selu(const Tensor& x);
// x * sigmoid(x) (a.k.a. swish).
Tensor silu(const Tensor& x);
// Exact x * Phi(x) with erf, or the tanh approximation (Keras' ops.gelu
// defaults to approximate=true; activations.gelu to false).
Tensor gelu(const Tensor& x, bool approximate = true);
// Numerically stable (subtracts the max along `axis`).
Tensor softmax(const Tensor& x, std::int64_t axis = -1);
Tensor log_softmax(const Tensor& x, std::int64_t axis = -1);
// One-hot encoding of integer `indices` along a new last axis (float32).
Tensor one_hot(const Tensor& indices, std::int64_t num_classes,
               DType dtype = DType::float32);

}  // namespace keras::ops
