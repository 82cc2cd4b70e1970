// File: keras/layers/rnn/rnn.h
// -----------------------------------------------------------------------------
// RNN (Python: keras/src/layers/rnn/rnn.py): runs a cell over the time axis
// of [batch, time, features] inputs. The base of LSTM, GRU and SimpleRNN.
//   * the cell's input projection is computed for every timestep at once,
//     then each step only multiplies the state by the recurrent kernel;
//   * a Keras mask ([batch, time], e.g. from Masking or Embedding(mask_zero))
//     makes masked steps keep the previous output and states;
//   * go_backwards iterates from the last step (outputs stay in iteration
//     order, as in Keras); return_sequences / return_state choose the outputs
//     ({output, state...} through call_with).
// stateful=True is not supported; unroll is accepted and ignored (the loop is
// the same either way).
//
//   auto y = keras::layers::RNN(keras::layers::LSTMCell(8))(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/rnn/recurrent_options.h"
#include "keras/layers/rnn/rnn_cell.h"

namespace keras::layers {

// Field order is Python's __init__ order (after `cell`).
struct RNNOptions {
  bool return_sequences = false;
  bool return_state = false;
  bool go_backwards = false;
  bool stateful = false;
  bool unroll = false;
  bool zero_output_for_mask = false;
  LayerOptions base = {};
};

class RNNLayer : public Layer {
 public:
  RNNLayer(RNNCellPtr cell, RNNOptions options = {});

  std::string class_name() const override { return "RNN"; }
  // Keras' call() takes `mask=`.
  bool call_takes_mask() const override { return true; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Tensors compute_mask(const Tensors& inputs,
                       const Tensors& masks) const override;
  Json get_config() const override;
  static std::shared_ptr<RNNLayer> from_config(const Json& config);

  const RNNCellPtr& cell() const { return cell_; }
  const RNNFlags& flags() const { return flags_; }
  // Bidirectional forces zero outputs at masked steps of returned sequences.
  void set_zero_output_for_mask(bool value) {
    flags_.zero_output_for_mask = value;
  }

 protected:
  // For LSTM/GRU/SimpleRNN, which make their own cell.
  RNNLayer(RNNCellPtr cell, const RNNFlags& flags, LayerOptions base,
           const std::string& base_name);
  // Layer config + the RNN flags (what subclasses extend).
  Json rnn_config() const;

 private:
  // The loop of call() over a cell's FusedRecurrence (inference): same
  // masking and outputs, on raw buffers. `mask` is bool [batch, steps] or
  // undefined; `projected` is [batch, steps, k] float32.
  Tensors run_fused(FusedRecurrence& recurrence, const Tensor& projected,
                    const Tensor& mask) const;

  RNNCellPtr cell_;
  RNNFlags flags_;
};

class RNN : public Ref<RNNLayer> {
 public:
  explicit RNN(RNNCellPtr cell, RNNOptions options = {})
      : Ref(std::make_shared<RNNLayer>(std::move(cell), std::move(options))) {}
  // A list of cells is run as StackedRNNCells, as in Keras.
  explicit RNN(std::vector<RNNCellPtr> cells, RNNOptions options = {});
  using Ref::Ref;
};

}  // namespace keras::layers
