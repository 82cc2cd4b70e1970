// File: keras/layers/rnn/gru_cell.h
// -----------------------------------------------------------------------------
// GRUCell (Python: keras/src/layers/rnn/gru.py): one GRU step with Keras'
// gate order z, r, h:
//   z = rec_act(x_z + h @ U_z), r = rec_act(x_r + h @ U_r)
//   reset_after=True:  hh = act(x_h + r * (h @ U_h + b_rec_h))
//   reset_after=False: hh = act(x_h + (r * h) @ U_h)
//   h' = z * h + (1 - z) * hh
// Weights: vars/0 kernel (input_dim, 3u), vars/1 recurrent_kernel (u, 3u),
// vars/2 bias (2, 3u) with reset_after (input and recurrent biases), else
// (3u,).
//
//   auto rnn = keras::layers::RNN(keras::layers::GRUCell(16));
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/rnn/weighted_cell.h"

namespace keras::layers {

// Field order is Python's __init__ order (after `units`).
struct GRUCellOptions {
  activations::Activation activation = "tanh";
  activations::Activation recurrent_activation = "sigmoid";
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
  bool reset_after = true;
  std::optional<std::int64_t> seed = std::nullopt;
  LayerOptions base = {};
};

class GRUCellLayer : public WeightedCell<GRUCellOptions> {
 public:
  GRUCellLayer(std::int64_t units, GRUCellOptions options = {});

  std::string class_name() const override { return "GRUCell"; }
  void build(const std::vector<Shape>& input_shapes) override;
  std::vector<std::int64_t> state_size() const override { return {units_}; }
  std::int64_t output_size() const override { return units_; }
  Tensor project_inputs(const Tensor& x) override;
  Tensor step(const Tensor& projected, const Tensors& states,
              Tensors* new_states) override;
  std::unique_ptr<FusedRecurrence> fused_recurrence(
      std::int64_t batch) const override;
  Json get_config() const override;
  static std::shared_ptr<GRUCellLayer> from_config(const Json& config);
};

class GRUCell : public Ref<GRUCellLayer> {
 public:
  explicit GRUCell(std::int64_t units, GRUCellOptions options = {})
      : Ref(std::make_shared<GRUCellLayer>(units, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
