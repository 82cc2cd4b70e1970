// File: keras/layers/rnn/rnn_test_utils.h
// -----------------------------------------------------------------------------
// Test helpers (GoogleTest) shared by the recurrent layer tests: fixture
// cases in a loop, and a finite-difference check of a recurrent layer's
// gradients w.r.t. its input and weights (float64).
// -----------------------------------------------------------------------------
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>

#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::testing {

inline void expect_layer_cases(std::initializer_list<const char*> cases) {
  for (const char* c : cases) {
    SCOPED_TRACE(c);
    expect_layer_case(c);
  }
}

// `layer` must compute in float64. x: [batch, time, features].
inline void expect_recurrent_gradients_match(const LayerPtr& layer,
                                             const Tensor& x) {
  const Tensor w =
      random::normal((*layer)(x).shape(), 0, 1, 3, DType::float64);  // builds
  expect_variable_gradients_match([&] { return ops::sum((*layer)(x)*w); },
                                  layer->weights());
  expect_gradients_match([&](const Tensors& in) { return (*layer)(in[0]); },
                         {x});
}

}  // namespace keras::testing
