// File: keras/layers/rnn/lstm_cell.h
// -----------------------------------------------------------------------------
// LSTMCell (Python: keras/src/layers/rnn/lstm.py): one LSTM step with Keras'
// gate order i, f, c, o:
//   z = x @ kernel + h @ recurrent_kernel + bias,  [i|f|g|o] = split(z, 4)
//   c' = sigmoid_r(f) * c + sigmoid_r(i) * act(g),  h' = sigmoid_r(o) * act(c')
// Weights: vars/0 kernel (input_dim, 4u), vars/1 recurrent_kernel (u, 4u),
// vars/2 bias (4u,) (forget slice initialised to ones with unit_forget_bias).
//
//   auto rnn = keras::layers::RNN(keras::layers::LSTMCell(16));
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/rnn/weighted_cell.h"

namespace keras::layers {

// Field order is Python's __init__ order (after `units`).
struct LSTMCellOptions {
  activations::Activation activation = "tanh";
  activations::Activation recurrent_activation = "sigmoid";
  bool use_bias = true;
  initializers::Initializer kernel_initializer = "glorot_uniform";
  initializers::Initializer recurrent_initializer = "orthogonal";
  initializers::Initializer bias_initializer = "zeros";
  bool unit_forget_bias = true;
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

class LSTMCellLayer : public WeightedCell<LSTMCellOptions> {
 public:
  LSTMCellLayer(std::int64_t units, LSTMCellOptions options = {});

  std::string class_name() const override { return "LSTMCell"; }
  void build(const std::vector<Shape>& input_shapes) override;
  // {h, c}
  std::vector<std::int64_t> state_size() const override {
    return {units_, units_};
  }
  std::int64_t output_size() const override { return units_; }
  Tensor project_inputs(const Tensor& x) override;
  Tensor step(const Tensor& projected, const Tensors& states,
              Tensors* new_states) override;
  std::unique_ptr<FusedRecurrence> fused_recurrence(
      std::int64_t batch) const override;
  Json get_config() const override;
  static std::shared_ptr<LSTMCellLayer> from_config(const Json& config);
};

class LSTMCell : public Ref<LSTMCellLayer> {
 public:
  explicit LSTMCell(std::int64_t units, LSTMCellOptions options = {})
      : Ref(std::make_shared<LSTMCellLayer>(units, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
