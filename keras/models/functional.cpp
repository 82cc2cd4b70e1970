#include "keras/models/functional.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "keras/layers/layer.h"
#include "keras/saving/config_reader.h"
#include "keras/utils/json_utils.h"

namespace keras::models {

namespace {

struct HistoryKey {
  const Operation* op;
  int node;
  int index;
  bool operator<(const HistoryKey& o) const {
    return std::tie(op, node, index) < std::tie(o.op, o.node, o.index);
  }
};

HistoryKey key_of(const Tensor& t) {
  const KerasHistory* h = t.keras_history();
  if (!h) {
    throw ValueError(
        str("A tensor of shape ", shape_str(t.shape()),
            " is not the output of a Keras layer call: Functional models can "
            "only be built from keras::Input() and layer calls on them."));
  }
  return {h->operation.get(), h->node_index, h->tensor_index};
}

bool is_functional(const Operation* op) {
  return op->class_name() == "Functional";
}

}  // namespace

FunctionalGraph::FunctionalGraph(Tensors inputs, Tensors outputs,
                                 TensorStructure input_form,
                                 TensorStructure output_form)
    : inputs_(std::move(inputs)),
      outputs_(std::move(outputs)),
      input_form_(std::move(input_form)),
      output_form_(std::move(output_form)) {
  if (inputs_.empty()) throw ValueError("A Functional model needs inputs.");
  if (outputs_.empty()) throw ValueError("A Functional model needs outputs.");
  for (const Tensor& t : inputs_) {
    const KerasHistory* h = t.keras_history();
    if (!h || h->operation->class_name() != "InputLayer") {
      throw ValueError(
          "All `inputs` of a Functional model must come from keras::Input() "
          "(an InputLayer). Received a tensor produced by another operation.");
    }
  }
  map_graph();
}

// Keras' map_graph (keras/src/ops/function.py), see format notes §4.11.
void FunctionalGraph::map_graph() {
  std::set<HistoryKey> input_keys;
  for (const Tensor& t : inputs_) input_keys.insert(key_of(t));

  std::map<const Operation*, int> op_index;  // first visit order
  std::map<const Operation*, std::shared_ptr<Operation>> op_owner;
  std::set<NodeRef> finished, in_progress;
  std::vector<NodeRef> decreasing;  // post-order

  std::function<void(const Tensor&)> visit = [&](const Tensor& t) {
    const HistoryKey k = key_of(t);
    const KerasHistory* h = t.keras_history();
    NodeRef node{const_cast<Operation*>(k.op), k.node};
    if (finished.count(node)) return;
    if (in_progress.count(node)) {
      throw ValueError("The Functional graph has a cycle.");
    }
    if (!op_index.count(k.op)) {
      const int next = static_cast<int>(op_index.size());
      op_index[k.op] = next;
      op_owner[k.op] = h->operation;
    }
    in_progress.insert(node);
    if (!input_keys.count(k)) {
      for (const Tensor& in : k.op->inbound_nodes()[k.node].inputs()) {
        visit(in);
      }
    }
    finished.insert(node);
    in_progress.erase(node);
    decreasing.push_back(node);
  };
  // Keras flattens dict outputs in sorted key order before traversing.
  std::vector<std::size_t> order(outputs_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (output_form_.kind == TensorStructure::Kind::kDict) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) {
                       return output_form_.keys[a] < output_form_.keys[b];
                     });
  }
  for (std::size_t i : order) visit(outputs_[i]);

  std::map<NodeRef, int> node_depth;
  std::map<const Operation*, int> op_depth;
  for (auto it = decreasing.rbegin(); it != decreasing.rend(); ++it) {
    int depth = node_depth[*it];
    depth = std::max(depth, op_depth[it->op]);
    op_depth[it->op] = depth;
    node_depth[*it] = depth;
    const HistoryKey self{it->op, it->node_index, 0};
    const bool stop = std::any_of(
        input_keys.begin(), input_keys.end(), [&](const HistoryKey& k) {
          return k.op == self.op && k.node == self.node;
        });
    if (stop) continue;
    for (const Tensor& in : it->op->inbound_nodes()[it->node_index].inputs()) {
      const HistoryKey k = key_of(in);
      NodeRef parent{const_cast<Operation*>(k.op), k.node};
      node_depth[parent] = std::max(depth + 1, node_depth[parent]);
    }
  }
  for (const Tensor& t : inputs_) {
    const HistoryKey k = key_of(t);
    if (!op_depth.count(k.op)) {
      op_depth[k.op] = 0;
      op_index[k.op] = -1;
      op_owner[k.op] = t.keras_history()->operation;
      node_depth[{const_cast<Operation*>(k.op), k.node}] = 0;
    }
  }

  std::vector<const Operation*> ops;
  for (const auto& [op, depth] : op_depth) ops.push_back(op);
  std::stable_sort(ops.begin(), ops.end(),
                   [&](const Operation* a, const Operation* b) {
                     if (op_depth[a] != op_depth[b]) {
                       return op_depth[a] > op_depth[b];
                     }
                     return op_index[a] < op_index[b];
                   });
  std::set<std::string> names;
  for (const Operation* op : ops) {
    if (!names.insert(op->name()).second) {
      throw ValueError(str("The name \"", op->name(),
                           "\" is used 2 times in the model. All operation "
                           "names should be unique."));
    }
    operations_.push_back(op_owner[op]);
  }

  std::vector<std::pair<NodeRef, int>> nodes(node_depth.begin(),
                                             node_depth.end());
  // Execution order: deepest first; within a depth, by operation order.
  std::map<const Operation*, int> position;
  for (std::size_t i = 0; i < ops.size(); ++i) position[ops[i]] = int(i);
  std::stable_sort(nodes.begin(), nodes.end(), [&](auto& a, auto& b) {
    if (a.second != b.second) return a.second > b.second;
    if (a.first.op != b.first.op) {
      return position[a.first.op] < position[b.first.op];
    }
    return a.first.node_index < b.first.node_index;
  });
  for (const auto& [node, depth] : nodes) {
    nodes_in_order_.push_back(node);
    node_indices_[node.op].push_back(node.node_index);
  }
  for (auto& [op, indices] : node_indices_) {
    std::sort(indices.begin(), indices.end());
  }
}

int FunctionalGraph::local_node_index(const Operation* op,
                                      int node_index) const {
  auto it = node_indices_.find(op);
  if (it == node_indices_.end()) return node_index;
  auto pos = std::find(it->second.begin(), it->second.end(), node_index);
  return pos == it->second.end() ? node_index
                                 : static_cast<int>(pos - it->second.begin());
}

Tensors FunctionalGraph::run(const Tensors& inputs, bool training) const {
  if (inputs.size() != inputs_.size()) {
    throw ValueError(str("The model expects ", inputs_.size(),
                         " input(s), but it received ", inputs.size(),
                         " input tensor(s)."));
  }
  std::map<HistoryKey, Tensor> values;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Shape& want = inputs_[i].shape();
    const Shape& got = inputs[i].shape();
    bool ok = want.size() == got.size();
    // Keras' Functional input_spec drops the batch size: an Input declared
    // with batch 32 still predicts any batch.
    for (std::size_t d = 1; ok && d < want.size(); ++d) {
      ok = want[d] < 0 || got[d] < 0 || want[d] == got[d];
    }
    if (!ok) {
      throw ValueError(str("Input ", i, " of the model has shape ",
                           shape_str(got), ", but the model expects shape ",
                           shape_str(want), " (input '", inputs_[i].name(),
                           "')."));
    }
    values[key_of(inputs_[i])] = inputs[i];
  }
  for (const NodeRef& ref : nodes_in_order_) {
    const Node& node = ref.op->inbound_nodes()[ref.node_index];
    if (values.count({ref.op, ref.node_index, 0}) && node.input_refs.empty()) {
      continue;  // an input of this model
    }
    if (node.input_refs.empty()) {
      if (!values.count({ref.op, ref.node_index, 0})) {
        throw ValueError(str("The model's graph needs input '", ref.op->name(),
                             "', which is not one of the model's inputs."));
      }
      continue;
    }
    Tensors args;
    for (const Tensor& in : node.inputs()) {
      auto it = values.find(key_of(in));
      if (it == values.end()) {
        throw ValueError(
            str("Graph disconnected: cannot obtain the value of "
                "an input of '",
                ref.op->name(), "'."));
      }
      args.push_back(it->second);
    }
    bool node_training = training;
    if (node.kwargs.contains("training") &&
        node.kwargs["training"].is_boolean()) {
      node_training = node.kwargs["training"].get<bool>();
    }
    Tensors outs = ref.op->call_concrete(args, node, node_training);
    for (std::size_t i = 0; i < outs.size(); ++i) {
      values[{ref.op, ref.node_index, static_cast<int>(i)}] = outs[i];
    }
  }
  Tensors results;
  for (const Tensor& t : outputs_) results.push_back(values.at(key_of(t)));
  return results;
}

// ---- config ----

Json FunctionalGraph::tensor_ref(const Tensor& t, bool for_io) const {
  const HistoryKey k = key_of(t);
  int index = local_node_index(k.op, k.node);
  if (for_io && is_functional(k.op)) ++index;  // Keras' nested-model offset
  return Json::array({k.op->name(), index, k.index});
}

namespace {
// The inverse of make_template (below): puts tensor records back.
Json fill_template(const Json& value, const Json& tensors) {
  if (value.is_object() && value.size() == 1 && value.contains("__tensor__")) {
    return tensors.at(integer_of<std::size_t>(value["__tensor__"]));
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& v : value) out.push_back(fill_template(v, tensors));
    return out;
  }
  return value;
}
}  // namespace

Json FunctionalGraph::layers_config() const {
  Json layers = Json::array();
  for (const auto& op : operations_) {
    Json record = op->serialize();
    record["name"] = op->name();
    Json nodes = Json::array();
    auto it = node_indices_.find(op.get());
    if (it != node_indices_.end() && op->class_name() != "InputLayer") {
      for (int index : it->second) {
        const Node& node = op->inbound_nodes()[index];
        Json tensors = Json::array();
        for (const Tensor& in : node.inputs()) {
          const HistoryKey k = key_of(in);
          tensors.push_back({{"class_name", "__keras_tensor__"},
                             {"config",
                              {{"shape", shape_to_json(in.shape())},
                               {"dtype", std::string(dtype_name(in.dtype()))},
                               {"keras_history", tensor_ref(in, false)}}}});
          (void)k;
        }
        // The node's inputs end with its tensor keyword arguments.
        const std::size_t positional =
            tensors.size() - node.tensor_kwargs.size();
        Json kwargs = node.kwargs;
        for (std::size_t i = 0; i < node.tensor_kwargs.size(); ++i) {
          kwargs[node.tensor_kwargs[i]] = tensors[positional + i];
        }
        tensors.erase(tensors.begin() + static_cast<std::ptrdiff_t>(positional),
                      tensors.end());
        // Template calls keep their non-tensor arguments (x * 0.5,
        // ops.not_equal(x, 0)) around the tensor records.
        Json args =
            node.form == ArgsForm::kTemplate && !node.args_template.is_null()
                ? fill_template(node.args_template, tensors)
            : node.form == ArgsForm::kList ? Json::array({tensors})
                                           : tensors;
        nodes.push_back({{"args", args}, {"kwargs", kwargs}});
      }
    }
    record["inbound_nodes"] = nodes;
    layers.push_back(std::move(record));
  }
  return layers;
}

namespace {

Json structure_config(const Tensors& tensors, const TensorStructure& form,
                      const std::function<Json(const Tensor&)>& ref) {
  if (form.kind == TensorStructure::Kind::kSingle) return ref(tensors.at(0));
  if (form.kind == TensorStructure::Kind::kList) {
    Json out = Json::array();
    for (const Tensor& t : tensors) out.push_back(ref(t));
    return out;
  }
  Json out = Json::object();
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    out[form.keys.at(i)] = ref(tensors[i]);
  }
  return out;
}

}  // namespace

Json FunctionalGraph::input_layers_config() const {
  return structure_config(inputs_, input_form_,
                          [&](const Tensor& t) { return tensor_ref(t, true); });
}

Json FunctionalGraph::output_layers_config() const {
  return structure_config(outputs_, output_form_,
                          [&](const Tensor& t) { return tensor_ref(t, true); });
}

// ---- from_config (Keras' functional_from_config) ----

namespace {

bool is_keras_tensor(const Json& v) {
  return v.is_object() && v.value("class_name", "") == "__keras_tensor__";
}

bool is_leaf_triple(const Json& v) {
  return v.is_array() && (v.size() == 3 || v.size() == 4) && v[0].is_string();
}

// tf.keras' reference to a tensor in a node's kwargs: [name, node, tensor].
bool is_history_triple(const Json& v) {
  return v.is_array() && v.size() == 3 && v[0].is_string() &&
         v[1].is_number_integer() && v[2].is_number_integer();
}

struct ParsedNode {
  std::vector<Json> histories;  // [name, node_index, tensor_index]
  ArgsForm form = ArgsForm::kSingle;
  Json kwargs = Json::object();
  Json args_template = nullptr;
  // Tensor keyword arguments: their histories follow the positional ones.
  std::vector<std::string> tensor_kwargs;
};

std::vector<Json> histories_of(const Json& args, const std::string& layer) {
  std::vector<Json> out;
  for (const Json& a : args) {
    if (is_keras_tensor(a)) {
      const Json& config = a.value("config", Json::object());
      const Json& h = config.contains("keras_history") ? config["keras_history"]
                                                       : Json(nullptr);
      if (!is_leaf_triple(h)) {
        throw ValueError(str("Invalid keras_history in an inbound node of '",
                             layer, "': ", saving::safe_dump(h)));
      }
      out.push_back(h);
    } else {
      throw NotImplementedError(
          str("Layer '", layer,
              "' is called with a non-tensor positional "
              "argument (",
              saving::safe_dump(a).substr(0, 120),
              "), which keras.cpp does not support yet."));
    }
  }
  return out;
}

// Replaces each __keras_tensor__ record in `value` by {"__tensor__": i},
// collecting the histories in order.
Json make_template(const Json& value, std::vector<Json>& histories,
                   const std::string& layer) {
  if (is_keras_tensor(value)) {
    Json one = Json::array({value});
    histories.push_back(histories_of(one, layer)[0]);
    return {{"__tensor__", histories.size() - 1}};
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& v : value)
      out.push_back(make_template(v, histories, layer));
    return out;
  }
  return value;
}

bool all_tensors(const Json& list) {
  return std::all_of(list.begin(), list.end(), is_keras_tensor);
}

ParsedNode parse_node(const Json& node, const Layer& owner) {
  const std::string& layer = owner.name();
  ParsedNode parsed;
  if (node.is_object()) {  // Keras 3: {"args": [...], "kwargs": {...}}
    const Json args = node.value("args", Json::array());
    if (!args.is_array() || args.empty()) {
      throw ValueError(str("Inbound node of '", layer, "' has no args."));
    }
    const bool plain =
        all_tensors(args) ||
        (args.size() == 1 && args[0].is_array() && all_tensors(args[0]));
    if (!plain) {
      parsed.form = ArgsForm::kTemplate;
      parsed.args_template = make_template(args, parsed.histories, layer);
    } else if (args.size() == 1 && args[0].is_array()) {
      parsed.form = ArgsForm::kList;
      parsed.histories = histories_of(args[0], layer);
    } else {
      parsed.form =
          args.size() == 1 ? ArgsForm::kSingle : ArgsForm::kPositional;
      parsed.histories = histories_of(args, layer);
    }
    Json kwargs = node.value("kwargs", Json::object());
    // Tensor kwargs (mask=<the NotEqual node's output>, attention_mask=...)
    // become inputs of the node; the layer takes `mask` and `<arg>_mask` as
    // its inputs' masks. Lists of masks are recomputed, not passed.
    for (auto it = kwargs.begin(); it != kwargs.end();) {
      const bool tensor = is_keras_tensor(it.value());
      if (it.value().is_array()) {
        it = kwargs.erase(it);
      } else if (tensor) {
        parsed.histories.push_back(
            histories_of(Json::array({it.value()}), layer)[0]);
        parsed.tensor_kwargs.push_back(it.key());
        it = kwargs.erase(it);
      } else {
        ++it;
      }
    }
    parsed.kwargs = kwargs;
    return parsed;
  }
  if (node.is_array()) {  // Keras 2: [[name, node, tensor, kwargs], ...]
    // Layers that keep their input structure (TFOpLambda) wrote a call on
    // one tensor as the bare entry.
    const bool bare = !node.empty() && node[0].is_string();
    const Json entries = bare ? Json::array({node}) : node;
    // A constant first argument (tf.math.multiply(2.0, x)) was written as
    // ["_CONSTANT_VALUE", -1, value, kwargs]; such calls become templates.
    Json args_template = Json::array();
    bool constants = false;
    for (const Json& entry : entries) {
      if (!is_leaf_triple(entry)) {
        throw ValueError(str("Invalid inbound node of '", layer,
                             "': ", saving::safe_dump(entry).substr(0, 200)));
      }
      if (entry.size() == 4 && entry[3].is_object()) parsed.kwargs = entry[3];
      if (entry[0] == "_CONSTANT_VALUE") {
        constants = true;
        args_template.push_back(entry[2]);
        continue;
      }
      args_template.push_back({{"__tensor__", parsed.histories.size()}});
      parsed.histories.push_back(Json::array({entry[0], entry[1], entry[2]}));
    }
    if (constants) {
      parsed.form = ArgsForm::kTemplate;
      parsed.args_template = args_template;
      // Keyword tensors join the call's tensors as template references, so
      // a call on constants and keyword tensors still has inputs.
      for (auto it = parsed.kwargs.begin(); it != parsed.kwargs.end(); ++it) {
        if (is_history_triple(it.value())) {
          parsed.histories.push_back(it.value());
          it.value() = {{"__tensor__", parsed.histories.size() - 1}};
        }
      }
      return parsed;
    }
    parsed.form =
        parsed.histories.size() == 1 ? ArgsForm::kSingle : ArgsForm::kList;
    // tf.keras wrote keyword tensors as their [name, node, tensor] history
    // (MultiHeadAttention's value=, a TFOpLambda's y=): they follow the
    // positional inputs, as in Keras 3 nodes.
    for (auto it = parsed.kwargs.begin(); it != parsed.kwargs.end();) {
      if (is_history_triple(it.value())) {
        parsed.histories.push_back(it.value());
        parsed.tensor_kwargs.push_back(it.key());
        it = parsed.kwargs.erase(it);
      } else {
        ++it;
      }
    }
    return parsed;
  }
  throw ValueError(str("Invalid inbound node of '", layer, "'."));
}

}  // namespace

FunctionalGraph FunctionalGraph::from_config(
    const Json& config, const saving::CustomObjects* custom) {
  saving::ConfigReader r(config, "Functional");
  const Json& layer_records = r.raw("layers");
  if (!layer_records.is_array()) {
    throw ValueError("Functional config needs a `layers` list.");
  }
  std::map<std::string, LayerPtr> created;
  std::vector<std::pair<LayerPtr, std::deque<ParsedNode>>> pending;
  for (const Json& record : layer_records) {
    LayerPtr layer = deserialize_layer(record, custom);
    const std::string name = record.value("name", std::string(layer->name()));
    if (layer->name() != name) layer->set_name(name);
    if (!created.emplace(name, layer).second) {
      throw ValueError(str("The name \"", name,
                           "\" is used 2 times in the "
                           "model. All operation names should be unique."));
    }
    std::deque<ParsedNode> nodes;
    for (const Json& node : record.value("inbound_nodes", Json::array())) {
      nodes.push_back(parse_node(node, *layer));
    }
    pending.emplace_back(layer, std::move(nodes));
  }
  const auto producer = [&](const Json& h) -> LayerPtr {
    auto it = created.find(h[0].get<std::string>());
    if (it == created.end()) {
      throw ValueError(
          str("The Functional config refers to an unknown "
              "layer '",
              h[0].get<std::string>(), "'."));
    }
    return it->second;
  };
  // The tensors each rebuilt call produced, by (layer, node index, output
  // index): a Node refers to its inputs weakly, so a call's outputs must be
  // kept here until the graph that consumes them exists.
  std::map<std::tuple<const Operation*, int, int>, Tensor> produced;
  const auto output_of = [&](const LayerPtr& op, int index, int tensor) {
    auto it = produced.find({op.get(), index, tensor});
    if (it != produced.end()) return it->second;
    // Calls made outside this config: an InputLayer's own node, or the
    // construction node of a nested Functional model.
    return op->node_output(index, tensor);
  };
  bool remaining = true;
  while (remaining) {
    remaining = false;
    bool progress = false;
    for (auto& [layer, nodes] : pending) {
      while (!nodes.empty()) {
        const ParsedNode& node = nodes.front();
        Tensors args;
        bool ready = true;
        for (const Json& h : node.histories) {
          LayerPtr op = producer(h);
          const int index = integer_of<int>(h[1]);
          if (index >= static_cast<int>(op->inbound_nodes().size())) {
            ready = false;
            break;
          }
          args.push_back(output_of(op, index, integer_of<int>(h[2])));
        }
        if (!ready) break;
        CallContext ctx;
        ctx.kwargs = node.kwargs;
        ctx.args = node.args_template;
        const std::size_t positional = args.size() - node.tensor_kwargs.size();
        for (std::size_t i = 0; i < node.tensor_kwargs.size(); ++i) {
          ctx.tensor_kwargs.emplace_back(node.tensor_kwargs[i],
                                         args[positional + i]);
        }
        args.resize(positional);
        const Tensors outputs = layer->call_with(args, node.form, ctx);
        const int node_index =
            static_cast<int>(layer->inbound_nodes().size()) - 1;
        for (int i = 0; i < static_cast<int>(outputs.size()); ++i) {
          produced[{layer.get(), node_index, i}] = outputs[i];
        }
        nodes.pop_front();
        progress = true;
      }
      if (!nodes.empty()) remaining = true;
    }
    if (remaining && !progress) {
      throw ValueError(
          "Invalid Functional model configuration. The graph of the "
          "Functional model either has loops or disconnected nodes: some "
          "layer calls refer to outputs that are never produced.");
    }
  }
  const auto resolve = [&](const Json& h) {
    LayerPtr op = producer(h);
    int index = integer_of<int>(h[1]);
    if (is_functional(op.get())) --index;
    return output_of(op, index, integer_of<int>(h[2]));
  };
  const auto structure = [&](const Json& v, TensorStructure& form) {
    Tensors tensors;
    if (is_leaf_triple(v)) {
      form.kind = TensorStructure::Kind::kSingle;
      tensors.push_back(resolve(v));
    } else if (v.is_array()) {
      form.kind = TensorStructure::Kind::kList;
      for (const Json& e : v) {
        if (!is_leaf_triple(e)) {
          throw NotImplementedError(
              "Nested input/output structures are not "
              "supported yet.");
        }
        tensors.push_back(resolve(e));
      }
    } else if (v.is_object()) {
      form.kind = TensorStructure::Kind::kDict;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!is_leaf_triple(it.value())) {
          throw NotImplementedError(
              "Nested input/output structures are not "
              "supported yet.");
        }
        form.keys.push_back(it.key());
        tensors.push_back(resolve(it.value()));
      }
    } else {
      throw ValueError(
          "Invalid `input_layers`/`output_layers` in a "
          "Functional config.");
    }
    return tensors;
  };
  TensorStructure in_form, out_form;
  Tensors inputs = structure(r.raw("input_layers"), in_form);
  Tensors outputs = structure(r.raw("output_layers"), out_form);
  // Keep each input tensor's name (InputLayer name) for messages.
  for (Tensor& t : inputs)
    t.shared()->name = t.keras_history()->operation->name();
  return FunctionalGraph(std::move(inputs), std::move(outputs), in_form,
                         out_form);
}

}  // namespace keras::models
