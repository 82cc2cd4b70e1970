#include "keras/ops/autograd.h"

#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "keras/ops/numpy.h"

namespace keras::autograd {

namespace {
thread_local bool grad_enabled = true;
}  // namespace

bool is_grad_enabled() { return grad_enabled; }

NoGradGuard::NoGradGuard() : previous_(grad_enabled) { grad_enabled = false; }
NoGradGuard::~NoGradGuard() { grad_enabled = previous_; }

EnableGradGuard::EnableGradGuard() : previous_(grad_enabled) {
  grad_enabled = true;
}
EnableGradGuard::~EnableGradGuard() { grad_enabled = previous_; }

Node::~Node() {
  // Destroying a node releases its inputs, whose grad_fn nodes release
  // theirs, and so on: recursion as deep as the graph. Instead, detach the
  // grad_fn of every input only this node still owns and free those nodes
  // from a local work list, doing the same for their inputs.
  backward = nullptr;  // closures may hold the inputs too
  std::vector<std::shared_ptr<Node>> pending;
  auto detach_inputs = [&pending](Tensors& inputs) {
    for (Tensor& t : inputs) {
      if (t.defined() && t.shared().use_count() == 1 && t.get()->grad_fn &&
          t.get()->grad_fn.use_count() == 1) {
        pending.push_back(std::move(t.get()->grad_fn));
      }
    }
    inputs.clear();
  };
  detach_inputs(inputs);
  while (!pending.empty()) {
    std::shared_ptr<Node> node = std::move(pending.back());
    pending.pop_back();
    node->backward = nullptr;
    detach_inputs(node->inputs);
    // `node` is released here with no grad_fn left below it.
  }
}

Tensor record(Tensor result, Tensors inputs, BackwardFn backward,
              std::string name) {
  if (!grad_enabled || !result.defined() || result.is_symbolic() ||
      !is_float(result.dtype())) {
    return result;
  }
  bool any = false;
  for (const Tensor& t : inputs) {
    if (!t.defined()) continue;
    // An op that returned its input unchanged needs no node (and attaching
    // one would make the tensor its own ancestor).
    if (t.same_as(result)) return result;
    any = any || t.requires_grad();
  }
  if (!any) return result;
  auto node = std::make_shared<Node>();
  node->name = std::move(name);
  node->inputs = std::move(inputs);
  node->backward = std::move(backward);
  result.get()->grad_fn = std::move(node);
  result.get()->requires_grad = true;
  return result;
}

namespace {

// Tensors reachable from `root` through recorded nodes, inputs before the
// tensors computed from them (iterative post-order DFS).
std::vector<TensorImpl*> topological_order(TensorImpl* root) {
  std::vector<TensorImpl*> order;
  std::unordered_set<TensorImpl*> visited;
  std::vector<std::pair<TensorImpl*, std::size_t>> stack;
  stack.emplace_back(root, 0);
  visited.insert(root);
  while (!stack.empty()) {
    auto& [impl, next] = stack.back();
    const Node* node = impl->grad_fn.get();
    if (node != nullptr && next < node->inputs.size()) {
      const Tensor& input = node->inputs[next++];
      if (input.defined() && input.requires_grad() &&
          visited.insert(input.get()).second) {
        stack.emplace_back(input.get(), 0);
      }
      continue;
    }
    order.push_back(impl);
    stack.pop_back();
  }
  return order;
}

DType grad_dtype(DType d) { return is_float(d) ? d : DType::float32; }

}  // namespace

Tensors grad(const Tensor& loss, const Tensors& sources) {
  if (!loss.defined()) throw ValueError("grad: the loss is undefined.");
  if (loss.is_symbolic()) {
    throw ValueError(
        "grad: the loss is a symbolic tensor; gradients need "
        "concrete values.");
  }
  if (loss.size() != 1) {
    throw ValueError(str("grad: the loss must have one element, got shape ",
                         shape_str(loss.shape()), "."));
  }
  NoGradGuard no_grad;
  std::unordered_set<TensorImpl*> source_set;
  for (const Tensor& s : sources) {
    if (!s.defined()) throw ValueError("grad: a source tensor is undefined.");
    source_set.insert(s.get());
  }

  std::unordered_map<TensorImpl*, Tensor> grads;
  if (loss.requires_grad() || source_set.count(loss.get())) {
    const std::vector<TensorImpl*> order = topological_order(loss.get());
    // Only nodes on a path to a source need their backward run.
    std::unordered_set<TensorImpl*> needed;
    for (TensorImpl* impl : order) {
      bool need = source_set.count(impl) > 0;
      if (!need && impl->grad_fn) {
        for (const Tensor& in : impl->grad_fn->inputs) {
          if (in.defined() && needed.count(in.get())) {
            need = true;
            break;
          }
        }
      }
      if (need) needed.insert(impl);
    }
    grads.emplace(loss.get(),
                  Tensor::ones(loss.shape(), grad_dtype(loss.dtype())));
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      TensorImpl* impl = *it;
      const Node* node = impl->grad_fn.get();
      if (node == nullptr || !needed.count(impl)) continue;
      auto found = grads.find(impl);
      if (found == grads.end()) continue;
      const Tensor g = found->second;
      if (!source_set.count(impl)) grads.erase(found);  // free early
      const Tensors input_grads = node->backward(g);
      if (input_grads.size() != node->inputs.size()) {
        throw Error(str("internal: backward of ", node->name, " returned ",
                        input_grads.size(), " gradients for ",
                        node->inputs.size(), " inputs."));
      }
      for (std::size_t i = 0; i < input_grads.size(); ++i) {
        const Tensor& in = node->inputs[i];
        Tensor gi = input_grads[i];
        if (!gi.defined() || !in.defined() || !in.requires_grad() ||
            !needed.count(in.get())) {
          continue;
        }
        if (gi.shape() != in.shape()) {
          throw Error(str("internal: backward of ", node->name,
                          " returned a gradient of shape ",
                          shape_str(gi.shape()), " for an input of shape ",
                          shape_str(in.shape()), "."));
        }
        auto [slot, inserted] = grads.emplace(in.get(), gi);
        if (!inserted) slot->second = ops::add(slot->second, gi);
      }
    }
  }

  Tensors out;
  out.reserve(sources.size());
  for (const Tensor& s : sources) {
    auto found = grads.find(s.get());
    if (found != grads.end()) {
      // Accumulated in the dtype ops computed in (float32 for bfloat16);
      // handed back in the source's own float dtype.
      out.push_back(found->second.astype(grad_dtype(s.dtype())));
    } else {
      if (s.is_symbolic()) {
        throw ValueError("grad: a source tensor is symbolic.");
      }
      out.push_back(Tensor::zeros(s.shape(), grad_dtype(s.dtype())));
    }
  }
  return out;
}

Tensor unbroadcast(const Tensor& grad, const Shape& shape) {
  if (grad.shape() == shape) return grad;
  const Shape& gs = grad.shape();
  if (gs.size() < shape.size()) {
    throw ValueError(str("unbroadcast: gradient of shape ", shape_str(gs),
                         " has fewer dims than ", shape_str(shape), "."));
  }
  const std::size_t lead = gs.size() - shape.size();
  ops::Axes axes;
  for (std::size_t i = 0; i < lead; ++i) axes.push_back(std::int64_t(i));
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 1 && gs[lead + i] != 1)
      axes.push_back(std::int64_t(lead + i));
  }
  Tensor reduced = axes.empty() ? grad : ops::sum(grad, axes, false);
  return ops::reshape(reduced, shape);
}

}  // namespace keras::autograd
