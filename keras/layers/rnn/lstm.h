// File: keras/layers/rnn/lstm.h
// -----------------------------------------------------------------------------
// LSTM (Python: keras/src/layers/rnn/lstm.py): RNN(LSTMCell) with the cell's
// arguments flattened into the layer's config. Weights live in the cell:
// `<lstm>/cell/vars/0..2` = kernel, recurrent_kernel, bias.
//
//   auto y = keras::layers::LSTM(32, {.return_sequences = true})(x);
//   Tensors y_h_c = keras::layers::LSTM(32, {.return_state = true})
//                       ->call_with({x}, ArgsForm::kSingle);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/layers/rnn/lstm_cell.h"
#include "keras/layers/rnn/rnn.h"

namespace keras::layers {

// Field order is Python's __init__ order (after `units`); zero_output_for_mask
// is one of Keras' RNN keyword arguments.
struct LSTMOptions {
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
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  constraints::ConstraintPtr kernel_constraint = nullptr;
  constraints::ConstraintPtr recurrent_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  double dropout = 0.0;
  double recurrent_dropout = 0.0;
  std::optional<std::int64_t> seed = std::nullopt;
  bool return_sequences = false;
  bool return_state = false;
  bool go_backwards = false;
  bool stateful = false;
  bool unroll = false;
  bool zero_output_for_mask = false;
  LayerOptions base = {};
};

class LSTMLayer : public RNNLayer {
 public:
  LSTMLayer(std::int64_t units, LSTMOptions options = {});

  std::string class_name() const override { return "LSTM"; }
  Json get_config() const override;
  static std::shared_ptr<LSTMLayer> from_config(const Json& config);

  std::int64_t units() const { return units_; }
  const LSTMOptions& options() const { return options_; }
  LSTMCellLayer& lstm_cell() const {
    return static_cast<LSTMCellLayer&>(*cell());
  }

 private:
  std::int64_t units_;
  LSTMOptions options_;
};

class LSTM : public Ref<LSTMLayer> {
 public:
  explicit LSTM(std::int64_t units, LSTMOptions options = {})
      : Ref(std::make_shared<LSTMLayer>(units, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
