// File: keras/ops/sparsemax.h
// -----------------------------------------------------------------------------
// keras::ops::sparsemax (Python: keras.ops.sparsemax, keras/src/ops/nn.py):
// a softmax-like projection onto the simplex that can give exact zeros.
//
// Reproduces Keras 3.15.1 exactly, including its upstream quirk: with z
// sorted in descending order, cumsum c_k and support S = {k : z_k - (c_k -
// 1) / k > 0} (k = 1-based rank), Keras computes
//   tau = (sum_{k in S} c_k - 1) / |S|
// instead of textbook sparsemax's (c_|S| - 1) / |S|. Rows whose support has
// one element agree with the textbook; others differ (see the fixture
// layers/activation_sparsemax). output = max(x - tau, 0).
//
// Differentiable (the support is piecewise constant, as in Keras' autograd);
// symbolic-aware.
//
//   Tensor y = ops::sparsemax(logits);        // along the last axis
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>

#include "keras/backend/tensor.h"

namespace keras::ops {

Tensor sparsemax(const Tensor& x, std::int64_t axis = -1);

}  // namespace keras::ops
