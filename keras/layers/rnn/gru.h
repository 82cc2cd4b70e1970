// File: keras/layers/rnn/gru.h
// -----------------------------------------------------------------------------
// GRU (Python: keras/src/layers/rnn/gru.py): RNN(GRUCell) with the cell's
// arguments flattened into the layer's config. Weights live in the cell:
// `<gru>/cell/vars/0..2` = kernel, recurrent_kernel, bias (2, 3*units)
// with reset_after.
//
//   auto y = keras::layers::GRU(32, {.return_sequences = true})(x);
//   Tensors y_h = keras::layers::GRU(32, {.return_state = true})
//                       ->call_with({x}, ArgsForm::kSingle);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/layers/rnn/gru_cell.h"
#include "keras/layers/rnn/rnn.h"

namespace keras::layers {

// Field order is Python's __init__ order (after `units`); zero_output_for_mask
// is one of Keras' RNN keyword arguments.
struct GRUOptions {
  activations::Activation activation = "tanh";
  activations::Activation recurrent_activation = "sigmoid";
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
  std::optional<std::int64_t> seed = std::nullopt;
  bool return_sequences = false;
  bool return_state = false;
  bool go_backwards = false;
  bool stateful = false;
  bool unroll = false;
  bool reset_after = true;
  bool zero_output_for_mask = false;
  LayerOptions base = {};
};

class GRULayer : public RNNLayer {
 public:
  GRULayer(std::int64_t units, GRUOptions options = {});

  std::string class_name() const override { return "GRU"; }
  Json get_config() const override;
  static std::shared_ptr<GRULayer> from_config(const Json& config);

  std::int64_t units() const { return units_; }
  const GRUOptions& options() const { return options_; }
  GRUCellLayer& gru_cell() const { return static_cast<GRUCellLayer&>(*cell()); }

 private:
  std::int64_t units_;
  GRUOptions options_;
};

class GRU : public Ref<GRULayer> {
 public:
  explicit GRU(std::int64_t units, GRUOptions options = {})
      : Ref(std::make_shared<GRULayer>(units, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
