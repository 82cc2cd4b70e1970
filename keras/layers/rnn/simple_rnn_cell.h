// File: keras/layers/rnn/simple_rnn_cell.h
// -----------------------------------------------------------------------------
// SimpleRNNCell (Python: keras/src/layers/rnn/simple_rnn.py): one step of a
// fully-connected RNN, h = activation(x @ kernel + bias + h_prev @
// recurrent_kernel). Weights: vars/0 kernel (input_dim, units), vars/1
// recurrent_kernel (units, units), vars/2 bias (units,).
//
//   auto rnn = keras::layers::RNN(keras::layers::SimpleRNNCell(8));
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/rnn/weighted_cell.h"

namespace keras::layers {

// Field order is Python's __init__ order (after `units`).
struct SimpleRNNCellOptions {
  activations::Activation activation = "tanh";
  bool use_bias = true;
  initializers::Initializer kernel_initializer = "glorot_uniform";
  initializers::Initializer recurrent_initializer = "orthogonal";
  initializers::Initializer bias_initializer = "zeros";
  regularizers::RegularizerPtr kernel_regularizer = nullptr;
  regularizers::RegularizerPtr recurrent_regularizer = nullptr;
  regularizers::RegularizerPtr bias_regularizer = nullptr;
  constraints::ConstraintPtr kernel_constraint = nullptr;
  constraints::ConstraintPtr recurrent_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  double dropout = 0.0;
  double recurrent_dropout = 0.0;
  std::optional<std::int64_t> seed = std::nullopt;
  LayerOptions base = {};
};

class SimpleRNNCellLayer : public WeightedCell<SimpleRNNCellOptions> {
 public:
  SimpleRNNCellLayer(std::int64_t units, SimpleRNNCellOptions options = {});

  std::string class_name() const override { return "SimpleRNNCell"; }
  void build(const std::vector<Shape>& input_shapes) override;
  std::vector<std::int64_t> state_size() const override { return {units_}; }
  std::int64_t output_size() const override { return units_; }
  Tensor project_inputs(const Tensor& x) override;
  Tensor step(const Tensor& projected, const Tensors& states,
              Tensors* new_states) override;
  std::unique_ptr<FusedRecurrence> fused_recurrence(
      std::int64_t batch) const override;
  Json get_config() const override;
  static std::shared_ptr<SimpleRNNCellLayer> from_config(const Json& config);
};

class SimpleRNNCell : public Ref<SimpleRNNCellLayer> {
 public:
  explicit SimpleRNNCell(std::int64_t units, SimpleRNNCellOptions options = {})
      : Ref(std::make_shared<SimpleRNNCellLayer>(units, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
