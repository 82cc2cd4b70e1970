// File: keras/layers/rnn/simple_rnn.h
// -----------------------------------------------------------------------------
// SimpleRNN (Python: keras/src/layers/rnn/simple_rnn.py): RNN(SimpleRNNCell)
// with the cell's arguments flattened into the layer's config. Weights live in
// the cell:
// `<simple_rnn>/cell/vars/0..2` = kernel, recurrent_kernel, bias.
//
//   auto y = keras::layers::SimpleRNN(32, {.return_sequences = true})(x);
//   Tensors y_h = keras::layers::SimpleRNN(32, {.return_state = true})
//                       ->call_with({x}, ArgsForm::kSingle);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/layers/rnn/rnn.h"
#include "keras/layers/rnn/simple_rnn_cell.h"

namespace keras::layers {

// Field order is Python's __init__ order (after `units`); zero_output_for_mask
// is one of Keras' RNN keyword arguments.
struct SimpleRNNOptions {
  activations::Activation activation = "tanh";
  bool use_bias = true;
  initializers::Initializer kernel_initializer = "glorot_uniform";
  initializers::Initializer recurrent_initializer = "orthogonal";
  initializers::Initializer bias_initializer = "zeros";
  regularizers::RegularizerPtr kernel_regularizer = nullptr;
  regularizers::RegularizerPtr recurrent_regularizer = nullptr;
  regularizers::RegularizerPtr bias_regularizer = nullptr;
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  constraints::ConstraintPtr kernel_constraint = nullptr;
  constraints::ConstraintPtr recurrent_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  double dropout = 0.0;
  double recurrent_dropout = 0.0;
  bool return_sequences = false;
  bool return_state = false;
  bool go_backwards = false;
  bool stateful = false;
  bool unroll = false;
  std::optional<std::int64_t> seed = std::nullopt;
  bool zero_output_for_mask = false;
  LayerOptions base = {};
};

class SimpleRNNLayer : public RNNLayer {
 public:
  SimpleRNNLayer(std::int64_t units, SimpleRNNOptions options = {});

  std::string class_name() const override { return "SimpleRNN"; }
  Json get_config() const override;
  static std::shared_ptr<SimpleRNNLayer> from_config(const Json& config);

  std::int64_t units() const { return units_; }
  const SimpleRNNOptions& options() const { return options_; }
  SimpleRNNCellLayer& simple_rnn_cell() const {
    return static_cast<SimpleRNNCellLayer&>(*cell());
  }

 private:
  std::int64_t units_;
  SimpleRNNOptions options_;
};

class SimpleRNN : public Ref<SimpleRNNLayer> {
 public:
  explicit SimpleRNN(std::int64_t units, SimpleRNNOptions options = {})
      : Ref(std::make_shared<SimpleRNNLayer>(units, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
