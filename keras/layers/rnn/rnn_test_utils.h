// File: keras/layers/rnn/rnn_test_utils.h
// -----------------------------------------------------------------------------
// Test helpers (GoogleTest) shared by the recurrent layer tests: fixture
// cases in a loop, a finite-difference check of a recurrent layer's
// gradients w.r.t. its input and weights (float64), and the fused inference
// recurrence against the recorded ops.
// -----------------------------------------------------------------------------
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"

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

// Every output of `layer` on x (and `mask`, bool [batch, time], if given)
// with autograd off - the cells' FusedRecurrence - against the recorded
// ops with autograd on, within the fixtures' tolerance.
inline void expect_fused_matches_recorded(const LayerPtr& layer,
                                          const Tensor& x,
                                          const Tensor& mask = Tensor()) {
  CallContext ctx;
  if (mask.defined()) ctx.masks = {mask};
  Tensors fused;
  {
    autograd::NoGradGuard no_grad;
    fused = layer->call_with({x}, ArgsForm::kSingle, ctx);
  }
  const Tensors recorded = layer->call_with({x}, ArgsForm::kSingle, ctx);
  ASSERT_TRUE(recorded[0].requires_grad());
  ASSERT_EQ(fused.size(), recorded.size());
  for (std::size_t i = 0; i < fused.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_TRUE(AllClose(fused[i], recorded[i]));
  }
}

}  // namespace keras::testing
