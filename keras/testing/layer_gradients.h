// File: keras/testing/layer_gradients.h
// -----------------------------------------------------------------------------
// Test helper (GoogleTest): finite-difference check of a layer's gradients
// with respect to its trainable weights AND its input, for layers computing in
// float64 (pass `.base = {.dtype = "float64"}`). The output is weighted by
// fixed random weights so every output element's gradient counts.
//
//   keras::testing::expect_layer_gradients_match(
//       Conv1DTranspose(2, {3}, {.base = {.dtype = "float64"}}),
//       random::normal({2, 5, 3}, 0, 1, 1, DType::float64));
// -----------------------------------------------------------------------------
#pragma once

#include <gtest/gtest.h>

#include "keras/layers/layer.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/random/random.h"
#include "keras/testing/test_utils.h"

namespace keras::testing {

inline void expect_layer_gradients_match(const LayerPtr& layer, const Tensor& x,
                                         const CallContext& args = {},
                                         double tol = 1e-6) {
  const Tensor y0 = (*layer)(x, args);  // builds the layer
  const Tensor w = random::normal(y0.shape(), 0, 1, 6, DType::float64);
  {
    SCOPED_TRACE("weights");
    ASSERT_FALSE(layer->trainable_weights().empty());
    expect_variable_gradients_match(
        [&] { return ops::sum(ops::multiply((*layer)(x, args), w)); },
        layer->trainable_weights(), tol);
  }
  SCOPED_TRACE("input");
  expect_gradients_match(
      [&](const Tensors& in) { return (*layer)(in[0], args); }, {x}, tol);
}

}  // namespace keras::testing
