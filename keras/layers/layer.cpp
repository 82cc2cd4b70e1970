#include "keras/layers/layer.h"

#include <algorithm>
#include <set>

#include "keras/layers/name_scope.h"
#include "keras/layers/weight_initialization.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/limits.h"
#include "keras/saving/serialization_lib.h"
#include "keras/utils/json_utils.h"
#include "keras/utils/naming.h"

namespace keras {

namespace {

// Depth of symbolic calls on this thread: a layer called symbolically runs
// its call() symbolically to infer output shapes, and the layers called
// inside must not record nodes of their own (Keras runs compute_output_spec
// on backend placeholders for the same reason).
thread_local int symbolic_depth = 0;

bool any_symbolic(const Tensors& xs) {
  return std::any_of(xs.begin(), xs.end(),
                     [](const Tensor& t) { return t.is_symbolic(); });
}

}  // namespace

SymbolicScope::SymbolicScope() { ++symbolic_depth; }
SymbolicScope::~SymbolicScope() { --symbolic_depth; }
bool SymbolicScope::active() { return symbolic_depth > 0; }

Json shape_to_json(const Shape& shape) {
  Json out = Json::array();
  for (std::int64_t d : shape) out.push_back(d < 0 ? Json(nullptr) : Json(d));
  return out;
}

Shape shape_from_json(const Json& value) {
  if (!value.is_array()) {
    throw TypeError(
        str("A shape must be a list. Received: ",
            value.dump(-1, ' ', false, Json::error_handler_t::replace)));
  }
  Shape shape;
  for (const Json& d : value) {
    if (d.is_null()) {
      shape.push_back(-1);
    } else if (d.is_number_integer() && integer_of<std::int64_t>(d) >= 0) {
      shape.push_back(integer_of<std::int64_t>(d));
    } else {
      throw ValueError(str("Invalid dimension in shape: ", d.dump(),
                           ". Dimensions are non-negative integers or null."));
    }
  }
  return shape;
}

LayerOptions layer_options_from_config(const saving::ConfigReader& r) {
  LayerOptions o;
  o.name = r.get<std::string>("name", "");
  o.trainable = r.get("trainable", true);
  const Json& dtype = r.raw("dtype");
  if (dtype.is_string()) {
    o.dtype = dtype.get<std::string>();
  } else if (dtype.is_object()) {
    // DTypePolicy (3.4.1+), FloatDTypePolicy (3.4.0), Policy (Keras 2).
    // (A class_name that is not a string is unsupported too.)
    const auto name = dtype.find("class_name");
    const std::string cls = name != dtype.end() && name->is_string()
                                ? name->get<std::string>()
                                : "";
    if (cls != "DTypePolicy" && cls != "FloatDTypePolicy" && cls != "Policy") {
      throw NotImplementedError(
          str(r.class_name(), " '", o.name, "': dtype policy ", cls,
              " is not supported (quantized layers are not implemented yet)."));
    }
    o.dtype = saving::ConfigReader(dtype.value("config", Json::object()), cls)
                  .get<std::string>("name", "float32");
  }
  o.activity_regularizer =
      saving::deserialize_keras_object<regularizers::Regularizer>(
          r.raw("activity_regularizer"));
  return o;
}

Layer::Layer(LayerOptions options, const std::string& base_name)
    : Operation(options.name.empty() ? utils::uniquify(base_name)
                                     : options.name),
      trainable_(options.trainable),
      dtype_policy_(std::move(options.dtype)),
      activity_regularizer_(std::move(options.activity_regularizer)) {
  variable_dtype();  // validates the policy name
}

DType Layer::variable_dtype() const {
  if (dtype_policy_ == "mixed_float16" || dtype_policy_ == "mixed_bfloat16") {
    return DType::float32;
  }
  return parse_dtype(dtype_policy_);
}

DType Layer::compute_dtype() const {
  if (dtype_policy_ == "mixed_float16") return DType::float16;
  if (dtype_policy_ == "mixed_bfloat16") return DType::bfloat16;
  return parse_dtype(dtype_policy_);
}

// ---- calling ----

Tensor Layer::operator()(const Tensor& x, const CallContext& ctx) {
  Tensors out = invoke({x}, ArgsForm::kSingle, ctx);
  if (out.size() != 1) {
    throw ValueError(str("Layer '", name(), "' returned ", out.size(),
                         " outputs; use call_with() to get all of them."));
  }
  return out[0];
}

Tensor Layer::operator()(const Tensors& xs, const CallContext& ctx) {
  Tensors out = invoke(xs, ArgsForm::kList, ctx);
  if (out.size() != 1) {
    throw ValueError(str("Layer '", name(), "' returned ", out.size(),
                         " outputs; use call_with() to get all of them."));
  }
  return out[0];
}

Tensors Layer::call_with(const Tensors& inputs, ArgsForm form,
                         const CallContext& ctx) {
  return invoke(inputs, form, ctx);
}

Tensors Layer::call_concrete(const Tensors& inputs, const Node& node,
                             bool training) {
  CallContext ctx;
  ctx.training = training;
  ctx.kwargs = node.kwargs;
  ctx.args = node.args_template;
  // The node's inputs end with its tensor keyword arguments.
  const std::size_t positional = inputs.size() - node.tensor_kwargs.size();
  for (std::size_t i = 0; i < node.tensor_kwargs.size(); ++i) {
    ctx.tensor_kwargs.emplace_back(node.tensor_kwargs[i],
                                   inputs[positional + i]);
  }
  return invoke(Tensors(inputs.begin(), inputs.begin() + positional), node.form,
                ctx);
}

Tensor CallContext::tensor_kwarg(const std::string& name) const {
  for (const auto& [key, t] : tensor_kwargs) {
    if (key == name) return t;
  }
  return Tensor();
}

bool CallContext::flag(const std::string& name, bool fallback) const {
  if (!kwargs.is_object() || !kwargs.contains(name)) return fallback;
  const Json& v = kwargs[name];
  if (v.is_null()) return fallback;
  if (!v.is_boolean()) {
    throw TypeError(str("Expected a boolean for the call argument `", name,
                        "`. Received: ", v.dump()));
  }
  return v.get<bool>();
}

std::vector<std::string> Layer::bind_call_args(Tensors& inputs,
                                               CallContext& ctx) const {
  const std::vector<std::string> arg_names = call_arg_names();
  if (arg_names.empty() || ctx.form == ArgsForm::kList ||
      ctx.form == ArgsForm::kTemplate) {
    return {};
  }
  if (inputs.size() > arg_names.size()) {
    throw TypeError(str("Layer '", name(), "' takes at most ", arg_names.size(),
                        " tensor arguments; received ", inputs.size(),
                        " positional tensors."));
  }
  Tensors slots(arg_names.size());
  std::copy(inputs.begin(), inputs.end(), slots.begin());
  for (auto it = ctx.tensor_kwargs.begin(); it != ctx.tensor_kwargs.end();) {
    const auto pos = std::find(arg_names.begin(), arg_names.end(), it->first);
    if (pos == arg_names.end()) {
      ++it;
      continue;
    }
    const auto index = static_cast<std::size_t>(pos - arg_names.begin());
    if (slots[index].defined()) {
      throw TypeError(str("Layer '", name(),
                          "' got multiple values for "
                          "argument '",
                          it->first, "'."));
    }
    slots[index] = it->second;
    it = ctx.tensor_kwargs.erase(it);
  }
  std::size_t count = slots.size();
  while (count > 0 && !slots[count - 1].defined()) --count;
  for (std::size_t i = 0; i < count; ++i) {
    if (!slots[i].defined()) {
      throw TypeError(str("Layer '", name(),
                          "' is missing the tensor "
                          "argument '",
                          arg_names[i], "'."));
    }
  }
  inputs.assign(slots.begin(), slots.begin() + count);
  return {arg_names.begin(), arg_names.begin() + count};
}

namespace {

// Keras' `mask=` (the mask of the only tensor argument) and
// `<argument>_mask=` keyword tensors are masks of the inputs: they replace
// the masks the inputs carry and are not passed on as other keyword tensors.
void take_mask_kwargs(CallContext& ctx,
                      const std::vector<std::string>& arg_names,
                      std::size_t num_inputs) {
  const std::string suffix = "_mask";
  for (auto it = ctx.tensor_kwargs.begin(); it != ctx.tensor_kwargs.end();) {
    const std::string& key = it->first;
    std::optional<std::size_t> slot;
    if (key == "mask") {
      slot = 0;
    } else if (key.size() > suffix.size() &&
               key.compare(key.size() - suffix.size(), suffix.size(), suffix) ==
                   0) {
      const auto pos = std::find(arg_names.begin(), arg_names.end(),
                                 key.substr(0, key.size() - suffix.size()));
      if (pos != arg_names.end()) {
        slot = static_cast<std::size_t>(pos - arg_names.begin());
      }
    }
    if (!slot) {
      ++it;
      continue;
    }
    if (ctx.masks.size() <= *slot) {
      ctx.masks.resize(std::max(*slot + 1, num_inputs));
    }
    ctx.masks[*slot] = it->second;
    it = ctx.tensor_kwargs.erase(it);
  }
}

}  // namespace

Tensors Layer::invoke(const Tensors& raw_inputs, ArgsForm form,
                      const CallContext& ctx) {
  if (raw_inputs.empty()) {
    throw ValueError(str("Layer '", name(), "' was called without inputs."));
  }
  CallContext call_ctx = ctx;
  call_ctx.form = form;
  // Keyword tensors as given (a node records them after the positional
  // ones); undefined ones count as not passed.
  Tensors kwarg_tensors;
  std::vector<std::string> kwarg_names;
  call_ctx.tensor_kwargs.clear();
  for (const auto& [key, t] : ctx.tensor_kwargs) {
    if (!t.defined()) continue;
    kwarg_names.push_back(key);
    kwarg_tensors.push_back(t);
    call_ctx.tensor_kwargs.emplace_back(key, t);
  }
  Tensors args = raw_inputs;
  const std::vector<std::string> arg_names = bind_call_args(args, call_ctx);
  // Keras casts floating inputs to the layer's compute dtype.
  Tensors inputs;
  inputs.reserve(args.size());
  for (const Tensor& t : args) {
    if (!t.defined()) {
      throw ValueError(str("Layer '", name(),
                           "' received an undefined "
                           "tensor."));
    }
    inputs.push_back(is_float(t.dtype()) && t.dtype() != compute_dtype()
                         ? ops::cast(t, compute_dtype())
                         : t);
  }
  // Keras calls (and builds) a layer inside its name scope, so sublayers
  // first built during the call get this layer's name in their paths.
  NameScope scope(*this);
  maybe_build(inputs, form, arg_names);
  if (call_ctx.masks.empty()) {
    for (const Tensor& t : args) call_ctx.masks.push_back(get_keras_mask(t));
  }
  take_mask_kwargs(call_ctx, arg_names, args.size());
  const bool has_mask =
      std::any_of(call_ctx.masks.begin(), call_ctx.masks.end(),
                  [](const Tensor& m) { return m.defined(); });
  const bool symbolic = any_symbolic(inputs) || any_symbolic(kwarg_tensors);
  if (!symbolic) {
    Tensors outputs = call(inputs, call_ctx);
    if (has_mask || supports_masking_) {
      const Tensors out_masks = compute_mask(inputs, call_ctx.masks);
      for (std::size_t i = 0; i < outputs.size() && i < out_masks.size(); ++i) {
        if (out_masks[i].defined()) set_keras_mask(outputs[i], out_masks[i]);
      }
    }
    if (ctx.training && activity_regularizer_) {
      activity_losses_.clear();
      for (const Tensor& y : outputs) {
        const double batch = y.ndim() > 0 ? double(y.dim(0)) : 1.0;
        activity_losses_.push_back((*activity_regularizer_)(y) / batch);
      }
    }
    return outputs;
  }
  if (symbolic_depth > 0) return call(inputs, call_ctx);
  Tensors outputs;
  {
    SymbolicScope scope;
    outputs = call(inputs, call_ctx);
  }
  // Keras computes in the policy's compute dtype, so a bfloat16 layer's
  // outputs are bfloat16 (keras.cpp computes 16-bit floats in float32).
  const DType out_dtype = compute_dtype();
  if (out_dtype == DType::bfloat16 || out_dtype == DType::float16) {
    for (Tensor& y : outputs) {
      if (y.dtype() == DType::float32)
        y = Tensor::symbolic(y.shape(), out_dtype);
    }
  }
  Json kwargs = ctx.kwargs;
  Tensors node_inputs = raw_inputs;
  node_inputs.insert(node_inputs.end(), kwarg_tensors.begin(),
                     kwarg_tensors.end());
  if (records_mask_kwarg(raw_inputs, form, ctx, kwarg_names)) {
    // Keras' Layer.__call__ passes the input's mask as `mask=`, and with one
    // tensor argument and no keyword arguments that lands in the kwargs the
    // Node records.
    const Tensor mask = call_ctx.masks.empty() ? Tensor() : call_ctx.masks[0];
    if (mask.defined() && mask.keras_history()) {
      node_inputs.push_back(mask);
      kwarg_names.push_back("mask");
    } else {
      kwargs["mask"] = nullptr;
    }
  }
  Tensors recorded =
      record_node(std::move(node_inputs), form, std::move(kwargs), outputs,
                  form == ArgsForm::kTemplate ? ctx.args : Json(nullptr),
                  std::move(kwarg_names));
  // Keras' _set_mask_metadata: compute_mask runs on the symbolic inputs, so
  // the ops it uses become nodes of the graph (ops::traced). Masks that are
  // no graph tensors cannot be referenced by a node and are left off; the
  // concrete masks still follow the values when the graph runs.
  if (supports_masking_) {
    const Tensors out_masks = compute_mask(args, call_ctx.masks);
    for (std::size_t i = 0; i < recorded.size() && i < out_masks.size(); ++i) {
      if (out_masks[i].defined() && out_masks[i].keras_history()) {
        set_keras_mask(recorded[i], out_masks[i]);
      }
    }
  }
  return recorded;
}

bool Layer::records_mask_kwarg(
    const Tensors& raw_inputs, ArgsForm form, const CallContext& ctx,
    const std::vector<std::string>& kwarg_names) const {
  if (!call_takes_mask() || raw_inputs.size() != 1 ||
      form != ArgsForm::kSingle || ctx.kwargs.contains("mask") ||
      std::find(kwarg_names.begin(), kwarg_names.end(), "mask") !=
          kwarg_names.end()) {
    return false;
  }
  // Any keyword argument, or an input Keras would cast, makes Keras copy
  // the kwargs before adding `mask=` (the Node keeps the caller's).
  if (!converts_input_args()) return true;
  return ctx.kwargs.empty() && kwarg_names.empty() &&
         raw_inputs[0].dtype() == compute_dtype();
}

Tensors Layer::compute_mask(const Tensors&, const Tensors& masks) const {
  if (!supports_masking_ || masks.empty()) return {};
  return {masks[0]};
}

Tensor get_keras_mask(const Tensor& t) {
  if (!t.defined() || !t.shared()->keras_mask) return Tensor();
  return Tensor(t.shared()->keras_mask);
}

void set_keras_mask(const Tensor& t, const Tensor& mask) {
  t.shared()->keras_mask = mask.shared();
}

// ---- building ----

namespace {
// (layer, name) of the scopes entered on this thread, outermost first.
thread_local std::vector<std::pair<const Layer*, std::string>> name_scopes;
}  // namespace

NameScope::NameScope(const Layer& owner) {
  if (!name_scopes.empty() && name_scopes.back().first == &owner) return;
  name_scopes.emplace_back(&owner, owner.name());
  pushed_ = true;
}

NameScope::~NameScope() {
  if (pushed_) name_scopes.pop_back();
}

std::string NameScope::variable_path(const Layer& layer,
                                     const std::string& name) {
  std::string path;
  for (const auto& scope : name_scopes) path += scope.second + "/";
  if (name_scopes.empty() || name_scopes.back().first != &layer) {
    path += layer.name() + "/";
  }
  return path + name;
}

void Layer::maybe_build(const Tensors& inputs, ArgsForm form,
                        const std::vector<std::string>& names) {
  if (built_) return;
  std::vector<Shape> shapes;
  for (const Tensor& t : inputs) shapes.push_back(t.shape());
  {
    NameScope scope(*this);
    build(shapes);
  }
  built_ = true;
  if (names.size() > 1) {
    // Keras records the bound arguments of a multi-argument build().
    Json dict = Json::object();
    for (std::size_t i = 0; i < names.size(); ++i) {
      dict[names[i] + "_shape"] = shape_to_json(shapes[i]);
    }
    build_config_ = {{"shapes_dict", std::move(dict)}};
  } else if (shapes.size() == 1 &&
             (form == ArgsForm::kSingle || names.size() == 1)) {
    build_config_ = {{"input_shape", shape_to_json(shapes[0])}};
  } else {
    Json list = Json::array();
    for (const Shape& s : shapes) list.push_back(shape_to_json(s));
    build_config_ = {{"input_shape", std::move(list)}};
  }
}

void Layer::build(const std::vector<Shape>&) { built_ = true; }

Json Layer::get_build_config() const {
  if (built_at_init_ || !built_ || build_config_.is_null()) return nullptr;
  return build_config_;
}

namespace {

// The shapes of a {"shapes_dict": ...} build config in call-argument order.
std::vector<Shape> shapes_from_dict(const Layer& layer, const Json& dict) {
  if (!dict.is_object()) {
    throw ValueError(str("Layer '", layer.name(),
                         "': `shapes_dict` in its build config must be a "
                         "dict. Received: ",
                         saving::safe_dump(dict)));
  }
  const std::vector<std::string> names = layer.call_arg_names();
  std::vector<std::optional<Shape>> slots(names.size());
  for (auto it = dict.begin(); it != dict.end(); ++it) {
    std::size_t i = 0;
    while (i < names.size() && names[i] + "_shape" != it.key()) ++i;
    if (i == names.size()) {
      throw ValueError(str("Layer '", layer.name(), "' (", layer.class_name(),
                           ") cannot be built from the build config key '",
                           it.key(), "': it takes no such shape argument."));
    }
    if (!it.value().is_null()) slots[i] = shape_from_json(it.value());
  }
  std::size_t count = slots.size();
  while (count > 0 && !slots[count - 1]) --count;
  std::vector<Shape> shapes;
  for (std::size_t i = 0; i < count; ++i) {
    if (!slots[i]) {
      throw ValueError(str("Layer '", layer.name(), "': its build config ",
                           "lacks `", names[i], "_shape`."));
    }
    shapes.push_back(*slots[i]);
  }
  return shapes;
}

}  // namespace

void Layer::build_from_config(const Json& build_config) {
  if (built_ || !build_config.is_object()) return;
  if (build_config.contains("shapes_dict")) {
    const std::vector<Shape> shapes =
        shapes_from_dict(*this, build_config["shapes_dict"]);
    if (shapes.empty()) return;
    NameScope scope(*this);
    build(shapes);
    built_ = true;
    build_config_ = build_config;
    return;
  }
  const Json& shape = build_config.contains("input_shape")
                          ? build_config["input_shape"]
                          : Json(nullptr);
  if (shape.is_null()) return;
  // A list of lists is one shape per input; otherwise a single shape.
  std::vector<Shape> shapes;
  const bool nested =
      shape.is_array() && !shape.empty() &&
      std::all_of(shape.begin(), shape.end(),
                  [](const Json& v) { return v.is_array() || v.is_null(); }) &&
      std::any_of(shape.begin(), shape.end(),
                  [](const Json& v) { return v.is_array(); });
  if (nested) {
    for (const Json& s : shape) shapes.push_back(shape_from_json(s));
  } else {
    shapes.push_back(shape_from_json(shape));
  }
  {
    NameScope scope(*this);
    build(shapes);
  }
  built_ = true;
  build_config_ = {{"input_shape", shape}};
}

// ---- weights ----

namespace {
thread_local bool skip_weight_initialization = false;
}  // namespace

SkipWeightInitializationScope::SkipWeightInitializationScope()
    : previous_(skip_weight_initialization) {
  skip_weight_initialization = true;
}
SkipWeightInitializationScope::~SkipWeightInitializationScope() {
  skip_weight_initialization = previous_;
}
bool SkipWeightInitializationScope::active() {
  return skip_weight_initialization;
}

VariablePtr Layer::add_weight(const WeightOptions& o) {
  for (std::int64_t d : o.shape) {
    if (d < 0) {
      throw ValueError(str("Layer '", name(), "': cannot create weight '",
                           o.name, "' with unknown dimensions in shape ",
                           shape_str(o.shape),
                           ". Build the layer with a fully known input "
                           "shape (except the batch dimension)."));
    }
  }
  const DType dtype = o.dtype.value_or(variable_dtype());
  saving::WeightBudgetScope::charge(name(), o.name, o.shape, dtype);
  auto variable = std::make_shared<Variable>(
      skip_weight_initialization ? Tensor::zeros(o.shape, dtype)
                                 : o.initializer(o.shape, dtype),
      o.name, o.trainable && trainable_,
      NameScope::variable_path(*this, o.name));
  if (o.constraint) {
    auto constraint = o.constraint;
    variable->constraint = [constraint](const Tensor& w) {
      return (*constraint)(w);
    };
  }
  if (o.regularizer) regularized_.emplace_back(variable, o.regularizer);
  (o.trainable ? trainable_variables_ : non_trainable_variables_)
      .push_back(variable);
  return variable;
}

Variables Layer::own_variables() const {
  Variables out = trainable_variables_;
  out.insert(out.end(), non_trainable_variables_.begin(),
             non_trainable_variables_.end());
  return out;
}

Variables Layer::weights() const {
  Variables out;
  std::set<const Variable*> seen;
  const auto add = [&](const Variables& vs) {
    for (const auto& v : vs) {
      if (seen.insert(v.get()).second) out.push_back(v);
    }
  };
  add(own_variables());
  for (const LayerPtr& layer : sublayers()) add(layer->weights());
  return out;
}

Variables Layer::trainable_weights() const {
  Variables out;
  if (!trainable_) return out;
  for (const auto& v : weights()) {
    if (v->trainable()) out.push_back(v);
  }
  return out;
}

Variables Layer::non_trainable_weights() const {
  Variables out;
  for (const auto& v : weights()) {
    if (!trainable_ || !v->trainable()) out.push_back(v);
  }
  return out;
}

std::vector<Tensor> Layer::get_weights() const {
  std::vector<Tensor> out;
  for (const auto& v : weights()) out.push_back(v->numpy());
  return out;
}

void Layer::set_weights(const std::vector<Tensor>& values) {
  const Variables vars = weights();
  if (values.size() != vars.size()) {
    throw ValueError(str("You called `set_weights(weights)` on layer '", name(),
                         "' with a weight list of length ", values.size(),
                         ", but the layer was expecting ", vars.size(),
                         " weights."));
  }
  for (std::size_t i = 0; i < vars.size(); ++i) {
    if (values[i].shape() != vars[i]->shape()) {
      throw ValueError(str("Layer ", name(), " weight shape ",
                           shape_str(vars[i]->shape()),
                           " is not compatible with provided weight shape ",
                           shape_str(values[i].shape()), "."));
    }
  }
  for (std::size_t i = 0; i < vars.size(); ++i) vars[i]->assign(values[i]);
}

std::int64_t Layer::count_params() const {
  std::int64_t n = 0;
  for (const auto& v : weights()) n += shape_size(v->shape());
  return n;
}

void Layer::set_trainable(bool trainable) {
  trainable_ = trainable;
  for (const auto& v : own_variables()) v->set_trainable(trainable);
  for (const LayerPtr& layer : sublayers()) layer->set_trainable(trainable);
}

Tensors Layer::losses() const {
  Tensors out = activity_losses_;
  for (const auto& [variable, regularizer] : regularized_) {
    out.push_back((*regularizer)(variable->value()));
  }
  std::set<const Layer*> seen{this};
  for (const LayerPtr& layer : sublayers()) {
    if (!seen.insert(layer.get()).second) continue;
    Tensors sub = layer->losses();
    out.insert(out.end(), sub.begin(), sub.end());
  }
  return out;
}

// ---- sublayers ----

TrackedValue TrackedValue::list(std::vector<TrackedValue> items) {
  TrackedValue value;
  value.container = true;
  value.items = std::move(items);
  return value;
}

void TrackedValue::collect(std::vector<LayerPtr>& out) const {
  if (layer) out.push_back(layer);
  for (const TrackedValue& item : items) item.collect(out);
}

std::vector<LayerPtr> TrackedAttribute::layers() const {
  std::vector<LayerPtr> out;
  value.collect(out);
  return out;
}

std::vector<LayerPtr> Layer::sublayers() const {
  // Keras' tracker stores a layer once, however many attributes hold it.
  std::vector<LayerPtr> all;
  for (const TrackedAttribute& attr : tracked_) attr.value.collect(all);
  std::vector<LayerPtr> out;
  std::set<const Layer*> seen;
  for (LayerPtr& layer : all) {
    if (seen.insert(layer.get()).second) out.push_back(std::move(layer));
  }
  return out;
}

void Layer::track_list(const std::string& attribute,
                       std::vector<LayerPtr> layers) {
  track_container(attribute,
                  std::vector<TrackedValue>(layers.begin(), layers.end()));
}

void Layer::track_container(const std::string& attribute,
                            std::vector<TrackedValue> items) {
  tracked_.push_back({attribute, TrackedValue::list(std::move(items))});
}

// ---- config ----

Json Layer::get_config() const {
  Json config = {{"name", name()},
                 {"trainable", trainable_},
                 {"dtype",
                  {{"module", "keras"},
                   {"class_name", "DTypePolicy"},
                   {"config", {{"name", dtype_policy_}}},
                   {"registered_name", nullptr}}}};
  if (activity_regularizer_) {
    config["activity_regularizer"] =
        saving::serialize_keras_object(*activity_regularizer_);
  }
  return config;
}

Json Layer::serialize() const {
  Json record = saving::serialize_keras_object(*this);
  Json build_config = get_build_config();
  if (!build_config.is_null()) record["build_config"] = std::move(build_config);
  return record;
}

LayerPtr deserialize_layer(const Json& record,
                           const saving::CustomObjects* custom_objects) {
  LayerPtr layer =
      saving::deserialize_keras_object<Layer>(record, custom_objects);
  if (record.is_object() && record.contains("build_config")) {
    layer->build_from_config(record["build_config"]);
  }
  return layer;
}

std::optional<std::vector<Shape>> Layer::output_shapes() const {
  if (inbound_nodes().empty()) return std::nullopt;
  std::vector<Shape> shapes;
  for (const OutputSpec& spec : inbound_nodes()[0].outputs) {
    shapes.push_back(spec.shape);
  }
  return shapes;
}

}  // namespace keras
