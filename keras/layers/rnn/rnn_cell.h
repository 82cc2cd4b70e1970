// File: keras/layers/rnn/rnn_cell.h
// -----------------------------------------------------------------------------
// RNNCellBase: what the recurrent layers (RNN, LSTM, GRU, SimpleRNN,
// Bidirectional) need from a cell (Python: the cell protocol of
// keras/src/layers/rnn/rnn.py plus DropoutRNNCell). A cell is a Layer whose
// weights live in it (`<rnn>/cell/vars/<i>`); the RNN loop splits the step in
// two so that the input projection of every timestep is one matmul:
//
//   Tensor p = cell->project_inputs(x);      // [batch, time, k]: x @ kernel
//   for t: out = cell->step(p[:, t], states, &states);  // h @ recurrent_kernel
//
// Called directly, a cell computes one step: cell({x_t, h, ...}) -> {out, h,
// ...}.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "keras/layers/layer.h"

namespace keras::layers {

// The recurrence of one inference sequence on raw float32 buffers: what
// RNNLayer runs instead of step() when autograd is off (predict), with no
// tensors made per step. A cell makes one per call; it holds the weights it
// reads and its scratch memory, so concurrent predictions each have their
// own.
class FusedRecurrence {
 public:
  virtual ~FusedRecurrence() = default;
  // One step for every row: row b of the projected input starts at
  // projected + b * stride; states[i] and new_states[i] are [batch,
  // state_size()[i]], contiguous. The cell's output is new_states[0].
  virtual void step(const float* projected, std::int64_t stride,
                    const float* const* states, float* const* new_states) = 0;
};

class RNNCellBase : public Layer {
 public:
  RNNCellBase(LayerOptions options, const std::string& base_name,
              double dropout = 0.0, double recurrent_dropout = 0.0,
              std::optional<std::int64_t> seed = std::nullopt);

  // Sizes of the state tensors (LSTM: {h, c}) and of the output.
  virtual std::vector<std::int64_t> state_size() const = 0;
  virtual std::int64_t output_size() const = 0;

  // Starts a sequence of `batch` rows: draws the dropout masks, which Keras
  // keeps for every timestep of the sequence.
  virtual void begin_sequence(std::int64_t batch, bool training, DType dtype);
  // The part of a step that depends on the input only ([..., input_dim] ->
  // [..., k]); input dropout is applied here.
  virtual Tensor project_inputs(const Tensor& x) = 0;
  // One step from a projected input [batch, k]; returns the output and
  // writes the new states.
  virtual Tensor step(const Tensor& projected, const Tensors& states,
                      Tensors* new_states) = 0;

  // The inference recurrence for `batch` rows after begin_sequence(), or
  // null: the cell has none, or its options need step() (recurrent dropout,
  // activations without a fused kernel, weights other than float32).
  virtual std::unique_ptr<FusedRecurrence> fused_recurrence(
      std::int64_t batch) const;

  // A single step: inputs = {x_t, state...}; returns {output, new states...}.
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;

  double dropout() const { return dropout_; }
  double recurrent_dropout() const { return recurrent_dropout_; }
  std::optional<std::int64_t> seed() const { return seed_; }

 protected:
  // x * input dropout mask (broadcast over time for [batch, time, f] inputs);
  // x unchanged outside training.
  Tensor drop_inputs(const Tensor& x) const;
  Tensor drop_recurrent(const Tensor& h) const;
  bool drops_recurrent() const { return recurrent_mask_.defined(); }
  // Refuses inputs whose last axis is unknown, as every cell needs it.
  std::int64_t input_dim_of(const Shape& shape);

 private:
  double dropout_, recurrent_dropout_;
  std::optional<std::int64_t> seed_;
  std::int64_t input_dim_ = -1;
  Tensor input_mask_, recurrent_mask_;  // undefined = no dropout
};

using RNNCellPtr = std::shared_ptr<RNNCellBase>;

// A dropout rate as Keras keeps it: clipped to [0, 1].
inline double clip_rate(double rate) {
  return rate < 0.0 ? 0.0 : (rate > 1.0 ? 1.0 : rate);
}

}  // namespace keras::layers
