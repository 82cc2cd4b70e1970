#include "keras/layers/rnn/stacked_rnn_cells.h"

#include "keras/saving/config_reader.h"

namespace keras::layers {

StackedRNNCellsLayer::StackedRNNCellsLayer(std::vector<RNNCellPtr> cells,
                                           LayerOptions base)
    : RNNCellBase(std::move(base), "stacked_rnn_cells"),
      cells_(std::move(cells)) {
  if (cells_.empty()) {
    throw ValueError(
        "StackedRNNCells needs at least one cell. Received: "
        "cells=[]");
  }
  std::vector<LayerPtr> layers(cells_.begin(), cells_.end());
  track_list("cells", layers);
}

void StackedRNNCellsLayer::build(const std::vector<Shape>& input_shapes) {
  // Each cell sees the previous cell's output, as in Keras.
  Shape shape = input_shapes.at(0);
  for (const RNNCellPtr& cell : cells_) {
    if (!cell->built()) {
      cell->build_from_config({{"input_shape", shape_to_json(shape)}});
    }
    shape = {shape.at(0), cell->output_size()};
  }
}

std::vector<std::int64_t> StackedRNNCellsLayer::state_size() const {
  std::vector<std::int64_t> sizes;
  for (const RNNCellPtr& cell : cells_) {
    for (std::int64_t s : cell->state_size()) sizes.push_back(s);
  }
  return sizes;
}

std::int64_t StackedRNNCellsLayer::output_size() const {
  return cells_.back()->output_size();
}

void StackedRNNCellsLayer::begin_sequence(std::int64_t batch, bool training,
                                          DType dtype) {
  for (const RNNCellPtr& cell : cells_) {
    cell->begin_sequence(batch, training, dtype);
  }
}

Tensor StackedRNNCellsLayer::project_inputs(const Tensor& x) {
  return cells_.front()->project_inputs(x);
}

Tensor StackedRNNCellsLayer::step(const Tensor& projected,
                                  const Tensors& states, Tensors* new_states) {
  new_states->clear();
  Tensor out;
  std::size_t offset = 0;
  for (std::size_t k = 0; k < cells_.size(); ++k) {
    const std::size_t n = cells_[k]->state_size().size();
    const Tensors own(states.begin() + offset, states.begin() + offset + n);
    offset += n;
    Tensors cell_states;
    out = cells_[k]->step(k == 0 ? projected : cells_[k]->project_inputs(out),
                          own, &cell_states);
    new_states->insert(new_states->end(), cell_states.begin(),
                       cell_states.end());
  }
  return out;
}

Json StackedRNNCellsLayer::get_config() const {
  Json config = Layer::get_config();
  config["cells"] = Json::array();
  for (const RNNCellPtr& cell : cells_)
    config["cells"].push_back(cell->serialize());
  return config;
}

std::shared_ptr<StackedRNNCellsLayer> StackedRNNCellsLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "StackedRNNCells");
  std::vector<RNNCellPtr> cells;
  for (const Json& record : r.raw("cells")) {
    auto cell =
        std::dynamic_pointer_cast<RNNCellBase>(deserialize_layer(record));
    if (!cell) {
      throw NotImplementedError(
          str("StackedRNNCells: only the built-in cells are supported. "
              "Received: ",
              record.value("class_name", "?")));
    }
    cells.push_back(cell);
  }
  return std::make_shared<StackedRNNCellsLayer>(std::move(cells),
                                                layer_options_from_config(r));
}

}  // namespace keras::layers
