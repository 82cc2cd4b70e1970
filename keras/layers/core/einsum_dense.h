// File: keras/layers/core/einsum_dense.h
// -----------------------------------------------------------------------------
// EinsumDense (Python: keras/src/layers/core/einsum_dense.py): a dense layer
// whose contraction is an einsum equation "<input>,<kernel>-><output>"
// (ellipsis allowed on the left or on the right of the input and output).
// `output_shape` lists the output dims after the batch dim and the ellipsis
// dims (-1 = None: taken from the input). The kernel's shape follows from the
// equation; the bias covers the output dims from the first of `bias_axes`
// onwards (1 where a dim is not a bias axis). Weights: vars/0 = kernel,
// vars/1 = bias.
//
//   // A Dense over the last axis of (batch, 32, 128) inputs:
//   auto y = keras::layers::EinsumDense("abc,cd->abd", {-1, 64},
//                                       {.bias_axes = "d"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include <optional>
#include <string>

#include "keras/activations/activations.h"
#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

// Field order is Python's __init__ order (after equation, output_shape).
struct EinsumDenseOptions {
  activations::Activation activation = {};
  std::optional<std::string> bias_axes = std::nullopt;  // None: no bias
  initializers::Initializer kernel_initializer = "glorot_uniform";
  initializers::Initializer bias_initializer = "zeros";
  regularizers::RegularizerPtr kernel_regularizer = nullptr;
  regularizers::RegularizerPtr bias_regularizer = nullptr;
  constraints::ConstraintPtr kernel_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  LayerOptions base = {};  // name, trainable, dtype, activity_regularizer
};

class EinsumDenseLayer : public Layer {
 public:
  EinsumDenseLayer(std::string equation, Shape output_shape,
                   EinsumDenseOptions options = {});

  std::string class_name() const override { return "EinsumDense"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<EinsumDenseLayer> from_config(const Json& config);

  const std::string& equation() const { return equation_; }
  const Shape& partial_output_shape() const { return output_shape_; }
  // The output shape worked out by build() (-1 = unknown).
  const Shape& full_output_shape() const { return full_output_shape_; }
  const VariablePtr& kernel() const { return kernel_; }
  const VariablePtr& bias() const { return bias_; }

 private:
  std::string equation_;
  Shape output_shape_;
  EinsumDenseOptions options_;
  Shape full_output_shape_;
  VariablePtr kernel_, bias_;
};

class EinsumDense : public Ref<EinsumDenseLayer> {
 public:
  EinsumDense(std::string equation, Shape output_shape,
              EinsumDenseOptions options = {})
      : Ref(std::make_shared<EinsumDenseLayer>(
            std::move(equation), std::move(output_shape), std::move(options))) {
  }
  using Ref::Ref;
};

}  // namespace keras::layers
