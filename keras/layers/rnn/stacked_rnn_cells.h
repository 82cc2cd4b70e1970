// File: keras/layers/rnn/stacked_rnn_cells.h
// -----------------------------------------------------------------------------
// StackedRNNCells (Python: keras/src/layers/rnn/stacked_rnn_cells.py): several
// cells run as one, each feeding its output to the next within a timestep.
// The states are every cell's states in order; weights live under
// `cell/cells/<lstm_cell|gru_cell|...>`.
//
//   auto rnn = keras::layers::RNN(std::vector<keras::layers::RNNCellPtr>{
//       keras::layers::LSTMCell(8), keras::layers::GRUCell(4)});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/rnn/rnn_cell.h"

namespace keras::layers {

class StackedRNNCellsLayer : public RNNCellBase {
 public:
  StackedRNNCellsLayer(std::vector<RNNCellPtr> cells, LayerOptions base = {});

  std::string class_name() const override { return "StackedRNNCells"; }
  void build(const std::vector<Shape>& input_shapes) override;
  std::vector<std::int64_t> state_size() const override;
  std::int64_t output_size() const override;
  void begin_sequence(std::int64_t batch, bool training, DType dtype) override;
  Tensor project_inputs(const Tensor& x) override;
  Tensor step(const Tensor& projected, const Tensors& states,
              Tensors* new_states) override;
  Json get_config() const override;
  static std::shared_ptr<StackedRNNCellsLayer> from_config(const Json& config);

  const std::vector<RNNCellPtr>& cells() const { return cells_; }

 private:
  std::vector<RNNCellPtr> cells_;
};

class StackedRNNCells : public Ref<StackedRNNCellsLayer> {
 public:
  explicit StackedRNNCells(std::vector<RNNCellPtr> cells,
                           LayerOptions base = {})
      : Ref(std::make_shared<StackedRNNCellsLayer>(std::move(cells),
                                                   std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
