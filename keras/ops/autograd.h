// File: keras/ops/autograd.h
// -----------------------------------------------------------------------------
// Reverse-mode automatic differentiation for keras::ops.
//
// An op that computes `result` from `inputs` calls autograd::record() with a
// backward rule: given d(loss)/d(result) it returns d(loss)/d(input_i) for each
// input (an undefined Tensor where an input gets no gradient). record() only
// attaches the rule when grad mode is on and some input requires a gradient,
// so inference pays nothing. autograd::grad() walks the recorded graph from a
// scalar loss in reverse topological order and sums gradients per tensor.
//
// Rule of the house: a backward closure must never capture its own `result`
// handle (that would make result -> grad_fn -> closure -> result a cycle and
// leak); capture `result.view(result.shape())`, which shares the values
// without the grad_fn.
//
//   Tensor y = ops::tanh(x);                 // x.requires_grad() == true
//   Tensors g = autograd::grad(ops::sum(y), {x});
// -----------------------------------------------------------------------------
#pragma once

#include <functional>
#include <string>

#include "keras/backend/tensor.h"

namespace keras::autograd {

using BackwardFn = std::function<Tensors(const Tensor& grad_output)>;

struct Node {
  std::string name;  // op name, for error messages
  Tensors inputs;    // the op's tensor inputs, in the order backward returns
  BackwardFn backward;
  // Releases long chains of nodes iteratively (a recursive release of a graph
  // thousands of ops deep would overflow the stack).
  ~Node();
};

// Whether ops record gradients on this thread (default: true).
bool is_grad_enabled();

// Turns recording off for its lifetime on this thread (inference, optimizer
// updates, and the backward pass itself).
class NoGradGuard {
 public:
  NoGradGuard();
  ~NoGradGuard();
  NoGradGuard(const NoGradGuard&) = delete;
  NoGradGuard& operator=(const NoGradGuard&) = delete;

 private:
  bool previous_;
};

// Attaches `backward` to `result` when grad mode is on and any of `inputs`
// requires a gradient (then result.requires_grad() becomes true). Returns
// result.
Tensor record(Tensor result, Tensors inputs, BackwardFn backward,
              std::string name);

// d(loss)/d(source) for each source (a zero tensor where the loss does not
// depend on it). `loss` must have one element.
Tensors grad(const Tensor& loss, const Tensors& sources);

// Sums `grad` over the axes that broadcasting expanded, so that it has
// `shape` again (used by backward rules of broadcasting ops).
Tensor unbroadcast(const Tensor& grad, const Shape& shape);

// Turns recording back on for its lifetime (inside a NoGradGuard scope).
class EnableGradGuard {
 public:
  EnableGradGuard();
  ~EnableGradGuard();
  EnableGradGuard(const EnableGradGuard&) = delete;
  EnableGradGuard& operator=(const EnableGradGuard&) = delete;

 private:
  bool previous_;
};

}  // namespace keras::autograd
