// File: keras/ops/operation.h
// -----------------------------------------------------------------------------
// keras::Operation and keras::Node (Python: keras/src/ops/operation.py,
// keras/src/ops/node.py): anything that can sit in a Functional graph. Layers
// are Operations; so are the pure-op nodes Keras writes into Functional
// configs (keras.src.ops.numpy.Add, ...).
//
// Each time an operation is called on symbolic tensors it appends a Node to
// its inbound_nodes(); the outputs' keras_history points back at
// (operation, node index, output index). Ownership runs one way only: an
// output's keras_history owns the operation and the call's inputs (which own
// their producers), while a Node refers to its inputs weakly. An operation
// thus owns no tensors, and a layer reused downstream of itself
// (`dense(proj(dense(x)))`) forms no reference cycle.
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/core/json.h"
#include "keras/saving/serializable.h"

namespace keras {

// How a call passed its tensors, which is how Keras serializes node args:
//   kSingle     layer(x)        -> "args": [<x>]
//   kList       layer([a, b])   -> "args": [[<a>, <b>]]
//   kPositional op(a, b)        -> "args": [<a>, <b>]
//   kTemplate   op(x, 2.0, [slice, ...]) -> Node::args_template holds the
//               args with each tensor replaced by {"__tensor__": i}
//               (pure-op nodes whose arguments mix tensors and constants)
enum class ArgsForm { kSingle, kList, kPositional, kTemplate };

struct OutputSpec {
  Shape shape;
  DType dtype = DType::float32;
};

struct Node {
  // The symbolic inputs, in call order, owned by the outputs' keras_history.
  std::vector<std::weak_ptr<TensorImpl>> input_refs;
  // The inputs; throws keras::ValueError when every output of this call (and
  // so the inputs) no longer exists.
  Tensors inputs() const;
  ArgsForm form = ArgsForm::kSingle;
  Json kwargs = Json::object();  // non-tensor keyword arguments
  Json args_template = nullptr;  // kTemplate only
  // Names of tensor-valued keyword arguments (`attention_mask=t`): the last
  // tensor_kwargs.size() entries of `inputs`, in this order.
  std::vector<std::string> tensor_kwargs;
  std::vector<OutputSpec> outputs;
};

class Operation : public Serializable,
                  public std::enable_shared_from_this<Operation> {
 public:
  explicit Operation(std::string name) : name_(std::move(name)) {}
  virtual ~Operation() = default;
  Operation(const Operation&) = delete;
  Operation& operator=(const Operation&) = delete;

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

  // Keras' identity in configs (Serializable): built-in layers default to
  // module "keras.layers".
  std::string module() const override { return "keras.layers"; }

  const std::vector<Node>& inbound_nodes() const { return inbound_nodes_; }
  // The symbolic tensor `output_index` of call `node_index`, with its
  // keras_history.
  Tensor node_output(int node_index, int output_index) const;

  // The record written for this operation in a Functional config (Keras'
  // serialize_keras_object: module, class_name, config, registered_name,
  // plus build_config / compile_config where Keras writes them).
  virtual Json serialize() const;

  // Runs the operation on concrete tensors (Functional execution).
  // `node` describes the call as recorded (form, kwargs, args template).
  virtual Tensors call_concrete(const Tensors& inputs, const Node& node,
                                bool training) = 0;

  // Records a symbolic call and returns its outputs (with keras_history).
  // `inputs` ends with the tensors of the keyword arguments `tensor_kwargs`.
  Tensors record_node(Tensors inputs, ArgsForm form, Json kwargs,
                      const Tensors& outputs, Json args_template = nullptr,
                      std::vector<std::string> tensor_kwargs = {});

  // shared_from_this() with a message a user can act on when the operation
  // is not owned by a shared_ptr (e.g. a Model created on the stack and then
  // used inside another model).
  std::shared_ptr<Operation> shared_self();

 private:
  std::string name_;
  std::vector<Node> inbound_nodes_;
};

}  // namespace keras
