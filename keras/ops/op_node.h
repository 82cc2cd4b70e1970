// File: keras/ops/op_node.h
// -----------------------------------------------------------------------------
// The pure-op nodes of Functional graphs (Python: the Operation subclasses of
// keras/src/ops/{numpy,nn,core,math}.py, e.g. keras.src.ops.numpy.Add), as
// Keras writes them when `keras.ops.*` is called on symbolic tensors:
//
//   {"module": "keras.src.ops.numpy", "class_name": "Add",
//    "config": {"name": "add"}, "registered_name": "Add", "inbound_nodes":
//    [{"args": [<x>, <y>], "kwargs": {}}]}
//
// An OpNode keeps the record's config (the op's constructor arguments, e.g.
// Mean's axis) and computes with keras::ops from the node's arguments, which
// may mix tensors and constants (multiply(x, 2.0), x[:, 1:5]). It has no
// weights and is not one of Model.layers.
// -----------------------------------------------------------------------------
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "keras/layers/layer.h"

namespace keras::ops {

// The arguments of one op call, rebuilt from the node's args template.
class OpArgs {
 public:
  OpArgs(const Json& args, const Tensors& tensors, const std::string& op);

  std::size_t size() const { return args_.size(); }
  bool is_tensor(std::size_t i) const;
  Tensor tensor(std::size_t i) const;    // a tensor, or a number as a scalar
  Tensors tensors(std::size_t i) const;  // a list of tensors
  double number(std::size_t i) const;
  const Json& json(std::size_t i) const;  // the raw (template) value
  const std::string& op() const { return op_; }

 private:
  Json args_;
  const Tensors& tensors_;
  std::string op_;
};

using OpFn = std::function<Tensor(const OpArgs& args, const Json& config,
                                  const Tensor& reference)>;

class OpNode : public Layer {
 public:
  OpNode(std::string module, std::string class_name, Json config, OpFn fn);

  std::string class_name() const override { return class_name_; }
  std::string module() const override { return module_; }
  std::string registered_name() const override { return class_name_; }
  bool is_pure_operation() const override { return true; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override { return config_; }
  Json get_build_config() const override { return nullptr; }

 private:
  std::string module_, class_name_;
  Json config_;
  OpFn fn_;
};

// Registers the supported Keras op classes for deserialization.
void register_op_nodes();

// keras.ops.<op> as Keras runs it on KerasTensors, for code outside a
// layer's own symbolic call (Layer::compute_mask): when a symbolic graph
// tensor is among `tensors` the call becomes a node of the Keras op
// `class_name` (Embedding's mask is NotEqual with args [x, 0]); otherwise it
// just computes. `args` is the call's arguments with each tensor written as
// op_tensor(i) (an index into `tensors`); `config` holds the op's constructor
// arguments (Any: axis, keepdims).
//
//   Tensor mask = traced_op("NotEqual", {}, {op_tensor(0), 0}, {x});
Tensor traced_op(const std::string& class_name, const Json& config,
                 const Json& args, const Tensors& tensors);
// {"__tensor__": index}: tensor `index` in traced_op's args.
Json op_tensor(std::size_t index);

}  // namespace keras::ops
