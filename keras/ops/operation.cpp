#include "keras/ops/operation.h"

#include "keras/saving/serialization_lib.h"

namespace keras {

namespace {

// What an output's keras_history owns: the operation and the call's inputs.
struct CallOwner {
  std::shared_ptr<Operation> operation;
  Tensors inputs;
};

}  // namespace

Tensors Node::inputs() const {
  Tensors result;
  result.reserve(input_refs.size());
  for (const auto& ref : input_refs) {
    std::shared_ptr<TensorImpl> impl = ref.lock();
    if (!impl) {
      throw ValueError(
          "This call's inputs no longer exist: none of its outputs is held "
          "any more (keep the output tensors or the model that uses them).");
    }
    result.emplace_back(std::move(impl));
  }
  return result;
}

Json Operation::serialize() const {
  return saving::serialize_keras_object(*this);
}

Tensor Operation::node_output(int node_index, int output_index) const {
  if (node_index < 0 || node_index >= static_cast<int>(inbound_nodes_.size())) {
    throw ValueError(str("Operation '", name_, "' has no node ", node_index,
                         " (it was called ", inbound_nodes_.size(),
                         " times)."));
  }
  const Node& node = inbound_nodes_[node_index];
  if (output_index < 0 ||
      output_index >= static_cast<int>(node.outputs.size())) {
    throw ValueError(str("Call ", node_index, " of operation '", name_,
                         "' has no output ", output_index, " (it has ",
                         node.outputs.size(), ")."));
  }
  const OutputSpec& spec = node.outputs[output_index];
  Tensor t = Tensor::symbolic(spec.shape, spec.dtype);
  auto owner = std::make_shared<CallOwner>(CallOwner{
      std::const_pointer_cast<Operation>(shared_from_this()), node.inputs()});
  auto history = std::make_shared<KerasHistory>();
  // Aliasing: points at the operation, owns the operation and the inputs.
  history->operation =
      std::shared_ptr<Operation>(owner, owner->operation.get());
  history->node_index = node_index;
  history->tensor_index = output_index;
  t.shared()->keras_history = std::move(history);
  return t;
}

Tensors Operation::record_node(Tensors inputs, ArgsForm form, Json kwargs,
                               const Tensors& outputs, Json args_template,
                               std::vector<std::string> tensor_kwargs) {
  shared_self();  // fail early with a clear message
  Node node;
  for (const Tensor& t : inputs) node.input_refs.push_back(t.shared());
  node.form = form;
  node.kwargs = std::move(kwargs);
  node.args_template = std::move(args_template);
  node.tensor_kwargs = std::move(tensor_kwargs);
  for (const Tensor& t : outputs)
    node.outputs.push_back({t.shape(), t.dtype()});
  inbound_nodes_.push_back(std::move(node));
  const int index = static_cast<int>(inbound_nodes_.size()) - 1;
  // `inputs` stays alive here until the outputs (which own it) exist.
  Tensors result;
  for (int i = 0; i < static_cast<int>(outputs.size()); ++i) {
    result.push_back(node_output(index, i));
  }
  return result;
}

std::shared_ptr<Operation> Operation::shared_self() {
  std::shared_ptr<Operation> self = weak_from_this().lock();
  if (!self) {
    throw ValueError(str(
        "'", name_,
        "' must be owned by a std::shared_ptr to be called on "
        "symbolic tensors (it becomes part of a graph that outlives this "
        "scope). Create it with std::make_shared<...>(...) or a handle such "
        "as keras::layers::Dense."));
  }
  return self;
}

}  // namespace keras
