#include "keras/legacy/layers/tf_op_lambda.h"

#include <map>
#include <utility>
#include <vector>

#include "keras/layers/register_layers.h"
#include "keras/ops/op_node.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"

namespace keras::legacy::layers {

namespace {

// How a TensorFlow function's parameters become the Keras op's inputs.
enum class Binding {
  kArgs,    // every parameter is an op argument, in order (add(x, y))
  kConfig,  // the first is the op's tensor, the rest its configuration
  kList,    // the first is a list of tensors (concat), the rest configuration
  kSlice,   // x[slice_spec]: the op GetItem with the spec as its key
};

struct TFFunction {
  const char* function;  // as tf.keras records it (no "tf." prefix)
  const char* op;        // the Keras op class (keras/ops/op_node.cpp)
  Binding binding;
  std::vector<const char*> params;  // TensorFlow's parameter names, in order
  // TensorFlow parameter -> the op's configuration key (kConfig, kList).
  std::vector<std::pair<const char*, const char*>> config = {};
};

const std::vector<TFFunction>& tf_functions() {
  using B = Binding;
  static const std::vector<TFFunction> table = {
      {"__operators__.add", "Add", B::kArgs, {"x", "y"}},
      {"math.add", "Add", B::kArgs, {"x", "y"}},
      {"math.subtract", "Subtract", B::kArgs, {"x", "y"}},
      {"math.multiply", "Multiply", B::kArgs, {"x", "y"}},
      {"math.truediv", "TrueDivide", B::kArgs, {"x", "y"}},
      {"math.divide", "Divide", B::kArgs, {"x", "y"}},
      {"math.pow", "Power", B::kArgs, {"x", "y"}},
      {"math.maximum", "Maximum", B::kArgs, {"x", "y"}},
      {"math.minimum", "Minimum", B::kArgs, {"x", "y"}},
      {"math.equal", "Equal", B::kArgs, {"x", "y"}},
      {"math.not_equal", "NotEqual", B::kArgs, {"x", "y"}},
      {"math.greater", "Greater", B::kArgs, {"x", "y"}},
      {"math.greater_equal", "GreaterEqual", B::kArgs, {"x", "y"}},
      {"math.less", "Less", B::kArgs, {"x", "y"}},
      {"math.less_equal", "LessEqual", B::kArgs, {"x", "y"}},
      {"linalg.matmul", "Matmul", B::kArgs, {"a", "b"}},
      {"math.negative", "Negative", B::kArgs, {"x"}},
      {"math.abs", "Absolute", B::kArgs, {"x"}},
      {"math.sign", "Sign", B::kArgs, {"x"}},
      {"math.square", "Square", B::kArgs, {"x"}},
      {"math.sqrt", "Sqrt", B::kArgs, {"x"}},
      {"math.exp", "Exp", B::kArgs, {"x"}},
      {"math.log", "Log", B::kArgs, {"x"}},
      {"math.log1p", "Log1p", B::kArgs, {"x"}},
      {"math.expm1", "Expm1", B::kArgs, {"x"}},
      {"math.tanh", "Tanh", B::kArgs, {"x"}},
      {"math.floor", "Floor", B::kArgs, {"x"}},
      {"math.round", "Round", B::kArgs, {"x"}},
      {"math.sigmoid", "Sigmoid", B::kArgs, {"x"}},
      {"nn.relu", "Relu", B::kArgs, {"features"}},
      {"math.softplus", "Softplus", B::kArgs, {"features"}},
      {"nn.softplus", "Softplus", B::kArgs, {"features"}},
      {"stop_gradient", "StopGradient", B::kArgs, {"input"}},
      {"clip_by_value",
       "Clip",
       B::kArgs,
       {"t", "clip_value_min", "clip_value_max"}},
      {"nn.softmax",
       "Softmax",
       B::kConfig,
       {"logits", "axis"},
       {{"axis", "axis"}}},
      {"nn.log_softmax",
       "LogSoftmax",
       B::kConfig,
       {"logits", "axis"},
       {{"axis", "axis"}}},
      {"math.reduce_mean",
       "Mean",
       B::kConfig,
       {"input_tensor", "axis", "keepdims"},
       {{"axis", "axis"}, {"keepdims", "keepdims"}}},
      {"math.reduce_sum",
       "Sum",
       B::kConfig,
       {"input_tensor", "axis", "keepdims"},
       {{"axis", "axis"}, {"keepdims", "keepdims"}}},
      {"math.reduce_max",
       "Max",
       B::kConfig,
       {"input_tensor", "axis", "keepdims"},
       {{"axis", "axis"}, {"keepdims", "keepdims"}}},
      {"math.reduce_min",
       "Min",
       B::kConfig,
       {"input_tensor", "axis", "keepdims"},
       {{"axis", "axis"}, {"keepdims", "keepdims"}}},
      {"reshape",
       "Reshape",
       B::kConfig,
       {"tensor", "shape"},
       {{"shape", "newshape"}}},
      {"transpose", "Transpose", B::kConfig, {"a", "perm"}, {{"perm", "axes"}}},
      {"compat.v1.transpose",
       "Transpose",
       B::kConfig,
       {"a", "perm"},
       {{"perm", "axes"}}},
      {"expand_dims",
       "ExpandDims",
       B::kConfig,
       {"input", "axis"},
       {{"axis", "axis"}}},
      {"squeeze", "Squeeze", B::kConfig, {"input", "axis"}, {{"axis", "axis"}}},
      {"compat.v1.squeeze",
       "Squeeze",
       B::kConfig,
       {"input", "axis"},
       {{"axis", "axis"}}},
      {"cast", "Cast", B::kConfig, {"x", "dtype"}, {{"dtype", "dtype"}}},
      {"concat",
       "Concatenate",
       B::kList,
       {"values", "axis"},
       {{"axis", "axis"}}},
      {"__operators__.getitem", "GetItem", B::kSlice, {"tensor", "slice_spec"}},
  };
  return table;
}

const TFFunction* find_tf_function(const std::string& name) {
  for (const TFFunction& f : tf_functions()) {
    if (name == f.function) return &f;
  }
  return nullptr;
}

// tf.keras writes a slice as {"start", "stop", "step"}; Keras' GetItem key
// (and keras.cpp's) as {"class_name": "__slice__", "config": {...}}.
Json keras_slice_key(const Json& spec) {
  if (spec.is_object() && spec.size() == 3 && spec.contains("start") &&
      spec.contains("stop") && spec.contains("step")) {
    return {{"class_name", "__slice__"}, {"config", spec}};
  }
  if (spec.is_array()) {
    Json out = Json::array();
    for (const Json& s : spec) out.push_back(keras_slice_key(s));
    return out;
  }
  return spec;
}

}  // namespace

TFOpLambdaLayer::TFOpLambdaLayer(std::string class_name, std::string function,
                                 keras::LayerOptions base)
    : Layer(std::move(base), "tf_op_lambda"),
      class_name_(std::move(class_name)),
      function_(std::move(function)) {
  if (find_tf_function(function_) == nullptr) {
    throw NotImplementedError(
        str(class_name_, " '", name(), "' calls tf.", function_,
            ", a TensorFlow function keras.cpp has no Keras op for (it runs "
            "tf.keras 2 lambdas of tf.math, tf.nn, reshape, transpose, "
            "concat, cast, slicing and operators)."));
  }
  build_at_init();
}

Tensors TFOpLambdaLayer::call(const Tensors& inputs, const CallContext& ctx) {
  const TFFunction& f = *find_tf_function(function_);
  // Bind the call's arguments to the TensorFlow parameters: positional
  // tensors first (all of them to the first parameter for a list), then
  // keyword tensors and values by name.
  Tensors tensors = inputs;
  // The positional arguments: the inputs, or a template mixing them with
  // constants (tf.keras' "_CONSTANT_VALUE" entries).
  Json positional = Json::array();
  if (ctx.form == ArgsForm::kTemplate && ctx.args.is_array()) {
    positional = ctx.args;
  } else {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      positional.push_back(ops::op_tensor(i));
    }
  }
  std::map<std::string, Json> values;
  if (f.binding == Binding::kList) {
    values[f.params[0]] = positional;
  } else {
    if (positional.size() > f.params.size()) {
      throw TypeError(str(class_name_, " '", name(), "': tf.", function_,
                          " takes ", f.params.size(), " arguments; received ",
                          positional.size(), " positional ones."));
    }
    for (std::size_t i = 0; i < positional.size(); ++i) {
      values[f.params[i]] = positional[i];
    }
  }
  const auto known = [&](const std::string& key) {
    for (const char* p : f.params) {
      if (key == p) return true;
    }
    return false;
  };
  const auto bind = [&](const std::string& key, Json value) {
    if (!known(key)) {
      throw TypeError(str(class_name_, " '", name(), "': tf.", function_,
                          " got an unexpected keyword argument '", key, "'."));
    }
    if (values.count(key)) {
      throw TypeError(str(class_name_, " '", name(), "': tf.", function_,
                          " got multiple values for argument '", key, "'."));
    }
    values[key] = std::move(value);
  };
  for (const auto& [key, tensor] : ctx.tensor_kwargs) {
    tensors.push_back(tensor);
    bind(key, ops::op_tensor(tensors.size() - 1));
  }
  // (A call on a constant keeps its keyword tensors as {"__tensor__": i}
  // references into `inputs`, which OpArgs resolves like any other.)
  for (auto it = ctx.kwargs.begin(); it != ctx.kwargs.end(); ++it) {
    if (it.key() != "name") bind(it.key(), it.value());
  }
  const auto value_of = [&](const char* param) -> const Json& {
    auto it = values.find(param);
    if (it == values.end() || it->second.is_null()) {
      throw TypeError(str(class_name_, " '", name(), "': tf.", function_,
                          " is missing its argument '", param, "'."));
    }
    return it->second;
  };
  Json args = Json::array();
  Json config = Json::object();
  switch (f.binding) {
    case Binding::kArgs:
      for (const char* p : f.params) args.push_back(value_of(p));
      break;
    case Binding::kSlice:
      args.push_back(value_of(f.params[0]));
      args.push_back(keras_slice_key(value_of(f.params[1])));
      break;
    case Binding::kConfig:
    case Binding::kList:
      args.push_back(value_of(f.params[0]));
      for (const auto& [param, key] : f.config) {
        auto it = values.find(param);
        if (it != values.end() && !it->second.is_null()) {
          config[key] = it->second;
        }
      }
      break;
  }
  return {ops::traced_op(f.op, config, args, tensors)};
}

Json TFOpLambdaLayer::get_config() const {
  Json config = Layer::get_config();
  config["function"] = function_;
  return config;
}

std::shared_ptr<TFOpLambdaLayer> TFOpLambdaLayer::from_config(
    const std::string& class_name, const Json& config) {
  keras::saving::ConfigReader r(config, class_name);
  return std::make_shared<TFOpLambdaLayer>(class_name,
                                           r.required<std::string>("function"),
                                           keras::layer_options_from_config(r));
}

void register_tf_op_layers() {
  for (const char* class_name : {"TFOpLambda", "SlicingOpLambda"}) {
    keras::saving::register_builtin<Layer>(
        class_name, [class_name](const Json& config) -> LayerPtr {
          return TFOpLambdaLayer::from_config(class_name, config);
        });
  }
}

}  // namespace keras::legacy::layers
