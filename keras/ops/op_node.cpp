#include "keras/ops/op_node.h"

#include <algorithm>
#include <map>

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/object_registration.h"
#include "keras/saving/serialization_lib.h"
#include "keras/utils/json_utils.h"
#include "keras/utils/naming.h"

namespace keras::ops {

// ---- OpArgs ----

OpArgs::OpArgs(const Json& args, const Tensors& tensors, const std::string& op)
    : args_(args.is_array() ? args : Json::array()),
      tensors_(tensors),
      op_(op) {}

namespace {

bool is_tensor_ref(const Json& v) {
  return v.is_object() && v.size() == 1 && v.contains("__tensor__");
}

}  // namespace

bool OpArgs::is_tensor(std::size_t i) const {
  return i < args_.size() && is_tensor_ref(args_[i]);
}

const Json& OpArgs::json(std::size_t i) const {
  if (i >= args_.size()) {
    throw ValueError(str("Op '", op_, "' expects at least ", i + 1,
                         " arguments, got ", args_.size(), "."));
  }
  return args_[i];
}

Tensor OpArgs::tensor(std::size_t i) const {
  const Json& v = json(i);
  if (is_tensor_ref(v))
    return tensors_.at(integer_of<std::size_t>(v["__tensor__"]));
  if (v.is_number()) return Tensor::scalar(v.get<double>());
  // A constant array captured in the config (Keras' "__tensor__" record).
  if (saving::is_array_record(v)) return saving::deserialize_array_record(v);
  throw TypeError(str("Op '", op_, "': argument ", i,
                      " must be a tensor or a number. Received: ",
                      saving::safe_dump(v).substr(0, 100)));
}

Tensors OpArgs::tensors(std::size_t i) const {
  const Json& v = json(i);
  if (!v.is_array()) {
    throw TypeError(str("Op '", op_, "': argument ", i, " must be a list."));
  }
  Tensors out;
  for (const Json& e : v) {
    if (!is_tensor_ref(e)) {
      throw TypeError(
          str("Op '", op_, "': argument ", i, " must be a list of tensors."));
    }
    out.push_back(tensors_.at(integer_of<std::size_t>(e["__tensor__"])));
  }
  return out;
}

double OpArgs::number(std::size_t i) const {
  const Json& v = json(i);
  if (!v.is_number()) {
    throw TypeError(str("Op '", op_, "': argument ", i, " must be a number."));
  }
  return v.get<double>();
}

// ---- OpNode ----

OpNode::OpNode(std::string module, std::string class_name, Json config, OpFn fn)
    : Layer({.name = config.is_object() ? config.value("name", "") : ""},
            utils::to_snake_case(class_name)),
      module_(std::move(module)),
      class_name_(std::move(class_name)),
      config_(config.is_object() ? std::move(config) : Json::object()),
      fn_(std::move(fn)) {
  config_["name"] = name();
  set_built(true);
}

Tensors OpNode::call(const Tensors& inputs, const CallContext& ctx) {
  Json args = ctx.args;
  if (args.is_null()) {  // plain tensor call: op(a, b) or op([a, b])
    Json refs = Json::array();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      refs.push_back({{"__tensor__", i}});
    }
    args = ctx.form == ArgsForm::kList ? Json::array({refs}) : refs;
  }
  const OpArgs op_args(args, inputs, class_name_);
  return {fn_(op_args, config_, inputs.empty() ? Tensor() : inputs[0])};
}

// ---- the op table ----

namespace {

Tensor scalar_as(const OpArgs& a, std::size_t i, const Tensor& ref) {
  if (!a.json(i).is_number()) return a.tensor(i);
  return ref.defined() ? scalar_like(a.number(i), ref)
                       : Tensor::scalar(a.number(i));
}

Axes axes_of(const Json& axis) {
  Axes axes;
  if (axis.is_number_integer()) axes.push_back(integer_of<std::int64_t>(axis));
  if (axis.is_array()) {
    for (const Json& a : axis) axes.push_back(integer_of<std::int64_t>(a));
  }
  return axes;
}

Tensor binary(const OpArgs& a, const Tensor& ref,
              Tensor (*f)(const Tensor&, const Tensor&)) {
  return f(scalar_as(a, 0, ref), scalar_as(a, 1, ref));
}

// x[...]: slices (step 1), integers, None (new axis) and Ellipsis, as
// Keras' GetItem serializes them.
Tensor get_item(const Tensor& x, const Json& key) {
  Json items = key.is_array() ? key : Json::array({key});
  std::size_t specified = 0;
  for (const Json& k : items) {
    const std::string cls = k.is_object() ? k.value("class_name", "") : "";
    if (cls != "__ellipsis__" && !k.is_null()) ++specified;
  }
  Tensor out = x;
  std::int64_t axis = 0;
  std::vector<std::int64_t> squeeze_axes;
  for (const Json& k : items) {
    const std::string cls = k.is_object() ? k.value("class_name", "") : "";
    if (k.is_null()) {  // numpy.newaxis
      out = expand_dims(out, axis);
      ++axis;
    } else if (cls == "__ellipsis__") {
      axis += out.ndim() - axis - static_cast<std::int64_t>(specified) +
              static_cast<std::int64_t>(squeeze_axes.size());
      specified = 0;
    } else if (cls == "__slice__") {
      const auto config = k.find("config");
      if (config == k.end() || !config->is_object()) {
        throw ValueError("GetItem: a __slice__ record has no `config` object.");
      }
      const Json& c = *config;
      if (!c.value("step", Json(nullptr)).is_null() && c["step"] != 1) {
        throw NotImplementedError(
            "GetItem: slices with a step are not "
            "supported yet.");
      }
      const std::int64_t n = out.dim(axis);
      auto bound = [n](const Json& v, std::int64_t fallback) {
        if (v.is_null()) return fallback;
        std::int64_t b = integer_of<std::int64_t>(v);
        if (b < 0) b += n;
        return std::clamp<std::int64_t>(b, 0, n);
      };
      const std::int64_t start = bound(c.value("start", Json(nullptr)), 0);
      const std::int64_t stop = bound(c.value("stop", Json(nullptr)), n);
      out = slice_axis(out, axis, start, std::max(start, stop));
      ++axis;
    } else if (k.is_number_integer()) {
      std::int64_t i = integer_of<std::int64_t>(k);
      const std::int64_t n = out.dim(axis);
      if (i < 0) i += n;
      if (i < 0 || i >= n) {
        throw ValueError(str("GetItem: index ", integer_of<std::int64_t>(k),
                             " is out of bounds for axis ", axis, " with size ",
                             n, "."));
      }
      out = slice_axis(out, axis, i, i + 1);
      squeeze_axes.push_back(axis);
      ++axis;
    } else {
      throw NotImplementedError(str("GetItem: index ",
                                    saving::safe_dump(k).substr(0, 80),
                                    " is not supported yet."));
    }
  }
  return squeeze_axes.empty() ? out : squeeze(out, squeeze_axes);
}

// ones_like / zeros_like results in the config's dtype (if any).
Tensor like(const Tensor& x, const Json& config) {
  const Json dtype = config.value("dtype", Json(nullptr));
  return dtype.is_string() ? cast(x, parse_dtype(dtype.get<std::string>())) : x;
}

struct OpEntry {
  const char* class_name;
  OpFn fn;
};

std::vector<OpEntry> op_table() {
  using J = const Json&;
  using A = const OpArgs&;
  using T = const Tensor&;
  auto unary = [](Tensor (*f)(const Tensor&)) {
    return [f](A a, J, T) { return f(a.tensor(0)); };
  };
  auto bin = [](Tensor (*f)(const Tensor&, const Tensor&)) {
    return [f](A a, J, T ref) { return binary(a, ref, f); };
  };
  auto reduce = [](Tensor (*f)(const Tensor&, const Axes&, bool)) {
    return [f](A a, J c, T) {
      return f(a.tensor(0), axes_of(c.value("axis", Json(nullptr))),
               c.value("keepdims", false));
    };
  };
  return {
      {"Add", bin(add)},
      {"Subtract", bin(subtract)},
      {"Multiply", bin(multiply)},
      {"Divide", bin(divide)},
      {"TrueDivide", bin(divide)},
      {"Power", bin(power)},
      {"Maximum", bin(maximum)},
      {"Minimum", bin(minimum)},
      {"Matmul", bin(matmul)},
      {"Equal", bin(equal)},
      {"NotEqual", bin(not_equal)},
      {"Greater", bin(greater)},
      {"GreaterEqual", bin(greater_equal)},
      {"Less", bin(less)},
      {"LessEqual", bin(less_equal)},
      {"Negative", unary(negative)},
      {"Absolute", unary(abs)},
      {"Abs", unary(abs)},
      {"Sign", unary(sign)},
      {"Square", unary(square)},
      {"Sqrt", unary(sqrt)},
      {"Exp", unary(exp)},
      {"Log", unary(log)},
      {"Log1p", unary(log1p)},
      {"Expm1", unary(expm1)},
      {"Tanh", unary(tanh)},
      {"Floor", unary(floor)},
      {"Round", unary(round)},
      {"Relu", unary(relu)},
      {"Sigmoid", unary(sigmoid)},
      {"Softplus", unary(softplus)},
      {"StopGradient", unary(stop_gradient)},
      {"Sum", reduce(sum)},
      {"Mean", reduce(mean)},
      {"Max", reduce(max)},
      {"Min", reduce(min)},
      {"Any", reduce(any)},
      {"All", reduce(all)},
      {"Softmax",
       [](A a, J c, T) {
         return softmax(a.tensor(0),
                        integer_value<std::int64_t>(c, "axis", -1));
       }},
      {"LogSoftmax",
       [](A a, J c, T) {
         return log_softmax(a.tensor(0),
                            integer_value<std::int64_t>(c, "axis", -1));
       }},
      {"Reshape",
       [](A a, J c, T) {
         Json shape = c.contains("newshape") ? c["newshape"] : a.json(1);
         Shape s;
         for (const Json& d : shape)
           s.push_back(d.is_null() ? -1 : integer_of<std::int64_t>(d));
         return reshape(a.tensor(0), s);
       }},
      {"Transpose",
       [](A a, J c, T) {
         return transpose(a.tensor(0), axes_of(c.value("axes", Json(nullptr))));
       }},
      {"Concatenate",
       [](A a, J c, T) {
         return concatenate(a.tensors(0),
                            integer_value<std::int64_t>(c, "axis", 0));
       }},
      {"ExpandDims",
       [](A a, J c, T) {
         return expand_dims(a.tensor(0),
                            integer_value<std::int64_t>(c, "axis", 0));
       }},
      {"Squeeze",
       [](A a, J c, T) {
         return squeeze(a.tensor(0), axes_of(c.value("axis", Json(nullptr))));
       }},
      {"Cast",
       [](A a, J c, T) {
         return cast(a.tensor(0), parse_dtype(c.value("dtype", "float32")));
       }},
      {"Clip",
       [](A a, J, T) { return clip(a.tensor(0), a.number(1), a.number(2)); }},
      {"Where",
       [](A a, J, T ref) {
         return where(a.tensor(0), scalar_as(a, 1, ref), scalar_as(a, 2, ref));
       }},
      {"GetItem", [](A a, J, T) { return get_item(a.tensor(0), a.json(1)); }},
      {"LogicalOr", bin(logical_or)},
      {"LogicalAnd", bin(logical_and)},
      {"OnesLike", [](A a, J c, T) { return like(ones_like(a.tensor(0)), c); }},
      {"ZerosLike",
       [](A a, J c, T) { return like(zeros_like(a.tensor(0)), c); }},
  };
}

// The module Keras' op class lives in (the record's module is not passed to
// factories).
std::string op_module(const std::string& class_name) {
  if (class_name == "Relu" || class_name == "Sigmoid" ||
      class_name == "Softmax" || class_name == "LogSoftmax" ||
      class_name == "Softplus") {
    return "keras.src.ops.nn";
  }
  if (class_name == "Cast" || class_name == "StopGradient") {
    return "keras.src.ops.core";
  }
  return "keras.src.ops.numpy";
}

const OpEntry& op_entry(const std::string& class_name) {
  static const std::vector<OpEntry> table = op_table();
  for (const OpEntry& entry : table) {
    if (class_name == entry.class_name) return entry;
  }
  throw ValueError(str("Unknown Keras op '", class_name, "'."));
}

}  // namespace

void register_op_nodes() {
  for (OpEntry& entry : op_table()) {
    const std::string class_name = entry.class_name;
    saving::register_builtin<Layer>(
        "keras.ops." + class_name,
        [class_name, fn = entry.fn](const Json& config) -> LayerPtr {
          return std::make_shared<OpNode>(op_module(class_name), class_name,
                                          config, fn);
        });
  }
}

Json op_tensor(std::size_t index) { return {{"__tensor__", index}}; }

Tensor traced_op(const std::string& class_name, const Json& config,
                 const Json& args, const Tensors& tensors) {
  const OpEntry& entry = op_entry(class_name);
  const bool traced =
      !SymbolicScope::active() &&
      std::any_of(tensors.begin(), tensors.end(), [](const Tensor& t) {
        return t.is_symbolic() && t.keras_history();
      });
  if (!traced) {
    const OpArgs op_args(args, tensors, class_name);
    return entry.fn(op_args, config, tensors.empty() ? Tensor() : tensors[0]);
  }
  // The op's config starts with its (automatic) name, as Keras writes it.
  Json named = {{"name", ""}};
  for (auto it = config.begin(); it != config.end(); ++it) {
    if (it.key() != "name") named[it.key()] = it.value();
  }
  auto node = std::make_shared<OpNode>(op_module(class_name), class_name,
                                       std::move(named), entry.fn);
  CallContext ctx;
  ctx.args = args;
  return node->call_with(tensors, ArgsForm::kTemplate, ctx).at(0);
}

}  // namespace keras::ops
