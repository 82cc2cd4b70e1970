// File: keras/ops/einsum.h
// -----------------------------------------------------------------------------
// keras::ops::einsum (Python: keras.ops.einsum, NumPy semantics): Einstein
// summation over one or more operands, e.g.
//
//   ops::einsum("abc,cd->abd", x, kernel);   // a Dense over the last axis
//   ops::einsum("aecd,abcd->acbe", k, q);    // attention scores
//   ops::einsum("...ij->...ji", x);          // ellipsis = broadcast dims
//
// Equations without "->" take NumPy's implicit output (ellipsis dims, then
// the labels used once, in alphabetical order). Two operands become one
// transpose/reshape per operand around a single (batched) matmul, so BLAS
// does the work and gradients come from those ops; more operands are folded
// left to right. Labels missing from the output are summed. A label repeated
// within one operand (a diagonal, "ii->i") is not supported.
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/backend/tensor.h"

namespace keras::ops {

Tensor einsum(const std::string& equation, const Tensors& operands);
Tensor einsum(const std::string& equation, const Tensor& a);
Tensor einsum(const std::string& equation, const Tensor& a, const Tensor& b);

}  // namespace keras::ops
