// File: keras/models/functional.h
// -----------------------------------------------------------------------------
// The graph of a Functional model (Python: keras/src/models/functional.py,
// keras/src/ops/function.py): the operations between a model's symbolic
// inputs and outputs, ordered as Keras orders them (map_graph: depth from
// the outputs descending, ties by first visit), which fixes both the
// `layers` list of the config and the weight paths.
//
// Also reads and writes the Functional config: `layers` entries with their
// `inbound_nodes`, and `input_layers` / `output_layers`.
// -----------------------------------------------------------------------------
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/core/json.h"
#include "keras/ops/operation.h"
#include "keras/saving/object_registration.h"

namespace keras {

class Layer;

namespace models {

// How inputs or outputs were given: one tensor, a list, or a dict (keys in
// insertion order).
struct TensorStructure {
  enum class Kind { kSingle, kList, kDict } kind = Kind::kSingle;
  std::vector<std::string> keys;  // kDict only
};

class FunctionalGraph {
 public:
  FunctionalGraph(Tensors inputs, Tensors outputs, TensorStructure input_form,
                  TensorStructure output_form);

  const Tensors& inputs() const { return inputs_; }
  const Tensors& outputs() const { return outputs_; }
  const TensorStructure& input_form() const { return input_form_; }
  const TensorStructure& output_form() const { return output_form_; }
  // Operations in Keras' order.
  const std::vector<std::shared_ptr<Operation>>& operations() const {
    return operations_;
  }

  // Runs the graph on concrete (or symbolic) tensors, one per input.
  Tensors run(const Tensors& inputs, bool training) const;

  // "layers", "input_layers", "output_layers" of the Functional config.
  Json layers_config() const;
  Json input_layers_config() const;
  Json output_layers_config() const;

  // Rebuilds layers and nodes from a Functional config.
  static FunctionalGraph from_config(const Json& config,
                                     const saving::CustomObjects* custom);

 private:
  struct NodeRef {
    Operation* op;
    int node_index;
    bool operator<(const NodeRef& o) const {
      return op != o.op ? op < o.op : node_index < o.node_index;
    }
  };
  void map_graph();
  // Position of a node among its operation's nodes that belong to this graph.
  int local_node_index(const Operation* op, int node_index) const;
  Json tensor_ref(const Tensor& t, bool for_io) const;

  Tensors inputs_, outputs_;
  TensorStructure input_form_, output_form_;
  std::vector<std::shared_ptr<Operation>> operations_;
  std::vector<NodeRef> nodes_in_order_;  // execution order
  std::map<const Operation*, std::vector<int>> node_indices_;  // sorted
};

}  // namespace models
}  // namespace keras
