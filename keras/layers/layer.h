// File: keras/layers/layer.h
// -----------------------------------------------------------------------------
// keras::Layer (Python: keras/src/layers/layer.py): the base of every layer
// and model. A layer
//   * is created with options (its Keras config) and builds its weights
//     lazily, on the first call, from the input shape (build());
//   * computes in call(); called on symbolic tensors it records a graph node
//     (the outputs' shapes come from running call() symbolically, so shape
//     inference and computation are one code path);
//   * owns its variables in creation order, trainable first (Keras'
//     `_trainable_variables + _non_trainable_variables`, the order of
//     vars/<i> in weights files), and tracks sublayers under the attribute
//     names Python would use, which is how weight paths are derived.
//
// Layers are always held by std::shared_ptr; keras::Ref<T> is the handle
// users keep (copies share the layer and its weights, as in Python):
//
//   class Scale : public keras::Layer {
//    public:
//     explicit Scale(keras::LayerOptions o = {}) : Layer(std::move(o), "scale")
//     {} std::string class_name() const override { return "Scale"; } void
//     build(const std::vector<keras::Shape>& shapes) override {
//       w_ = add_weight({.name = "w", .shape = {shapes[0].back()}});
//     }
//     keras::Tensors call(const keras::Tensors& x, const keras::CallContext&)
//     override {
//       return {x[0] * w_->value()};
//     }
//    private:
//     keras::VariablePtr w_;
//   };
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keras/backend/variable.h"
#include "keras/constraints/constraints.h"
#include "keras/initializers/initializer.h"
#include "keras/ops/operation.h"
#include "keras/regularizers/regularizers.h"

namespace keras {

namespace saving {
class AssetsDir;  // keras/saving/assets_store.h
}

// Base-layer arguments (Keras' **kwargs of Layer.__init__).
struct LayerOptions {
  std::string name = "";  // "" = automatic ("dense", "dense_1", ...)
  bool trainable = true;
  std::string dtype = "float32";  // a dtype policy name
  regularizers::RegularizerPtr activity_regularizer = nullptr;
};

// What a call knows besides its tensors.
struct CallContext {
  bool training = false;
  Json kwargs = Json::object();  // non-tensor keyword arguments
  // How the tensors were passed (set by the call).
  ArgsForm form = ArgsForm::kSingle;
  // kTemplate calls: the args with tensors replaced by {"__tensor__": i}.
  Json args = nullptr;
  // Keras masks of the inputs (one per input; undefined = no mask), filled
  // from the inputs' keras masks when the layer is called.
  Tensors masks = {};
  // Tensor-valued keyword arguments (`attention_mask=t`), in call order.
  // Those named like one of the layer's call_arg_names() join `inputs`.
  std::vector<std::pair<std::string, Tensor>> tensor_kwargs = {};

  // The tensor keyword argument `name` (undefined when not passed).
  Tensor tensor_kwarg(const std::string& name) const;
  // The non-tensor keyword argument `name` as a bool (`fallback` when absent
  // or null).
  bool flag(const std::string& name, bool fallback = false) const;
};

struct WeightOptions {
  std::string name;
  Shape shape;
  initializers::Initializer initializer = "glorot_uniform";
  regularizers::RegularizerPtr regularizer = nullptr;
  constraints::ConstraintPtr constraint = nullptr;
  bool trainable = true;
  std::optional<DType> dtype = std::nullopt;  // default: the variable dtype
};

class Layer;
using LayerPtr = std::shared_ptr<Layer>;

// A value held by a tracked attribute, as Keras' attribute tracker sees it:
// a layer, or a container (list, tuple, or dict: its values in insertion
// order) whose items are layers or further containers. Python's
//   self.sublist = [Dense(4), [Dense(4, use_bias=False)]]
// is declared as
//   track_container("sublist", {a, TrackedValue::list({b})});
// Weights and sublayers follow the items depth first; a nested container
// gets a `container`, `container_1`, ... slot in weights files.
struct TrackedValue {
  LayerPtr layer;                   // a layer (null: None, or a container)
  bool container = false;           // a list / tuple / dict
  std::vector<TrackedValue> items;  // a container's items, in order

  TrackedValue() = default;
  template <class T>
  TrackedValue(std::shared_ptr<T> l)  // NOLINT(google-explicit-constructor)
      : layer(std::move(l)) {}
  static TrackedValue list(std::vector<TrackedValue> items);
  bool is_container() const { return container; }
  // Every layer held, depth first, appended to `out`.
  void collect(std::vector<LayerPtr>& out) const;
};

// Sublayers reachable through one attribute of a layer, named as the Python
// attribute is.
struct TrackedAttribute {
  std::string name;
  TrackedValue value;
  // Every layer held, depth first.
  std::vector<LayerPtr> layers() const;
};

class Layer : public Operation {
 public:
  using Kind = Layer;

  // `base_name` is the snake_case class name used for automatic names.
  Layer(LayerOptions options, const std::string& base_name);

  // ---- calling ----
  // layer(x): one tensor in, one tensor out.
  Tensor operator()(const Tensor& x, const CallContext& ctx = {});
  // layer({a, b}): a list of tensors in (Concatenate, Add, multi-input
  // models), one tensor out.
  Tensor operator()(const Tensors& xs, const CallContext& ctx = {});
  // The general form: every output.
  Tensors call_with(const Tensors& inputs, ArgsForm form,
                    const CallContext& ctx = {});
  Tensors call_concrete(const Tensors& inputs, const Node& node,
                        bool training) override;

  // What the layer computes. `inputs` are the call's tensors in order.
  virtual Tensors call(const Tensors& inputs, const CallContext& ctx) = 0;

  // The masks of the outputs (Keras' compute_mask): by default the first
  // input's mask when the layer supports masking, else none. Returned masks
  // ride on the output tensors (TensorImpl::keras_mask) to the next layer.
  // On symbolic inputs (a graph being built) this runs once per call, after
  // call(), outside the layer's symbolic scope: masks computed with the
  // keras.ops of ops/op_node.h (ops::traced) become nodes of the graph, as
  // Keras records Embedding's ops.not_equal(inputs, 0).
  virtual Tensors compute_mask(const Tensors& inputs,
                               const Tensors& masks) const;
  bool supports_masking() const { return supports_masking_; }
  // Whether Keras' call() takes `mask=`: Layer.__call__ then passes the
  // input's mask as `mask=` and, for a call with one tensor and no keyword
  // arguments, the node records it (a tensor, or null).
  virtual bool call_takes_mask() const { return false; }
  // Keras' `_convert_input_args` (false for Functional models, which never
  // cast their inputs; their calls always record `mask=`).
  virtual bool converts_input_args() const { return true; }

  // True for the pure-op nodes of Functional graphs (keras.src.ops.*): they
  // are not part of Model.layers and hold no weights.
  virtual bool is_pure_operation() const { return false; }

  // Names of call()'s tensor arguments for layers called with several
  // (MultiHeadAttention: query, value, key). Positional tensors, then tensor
  // kwargs of these names, become call()'s `inputs` in this order (a gap is
  // an error), build() gets their shapes in the same order, and the build
  // config is Keras' {"shapes_dict": {"<name>_shape": ...}}. Empty (the
  // default): inputs are passed as given and the build config is
  // {"input_shape": ...}.
  virtual std::vector<std::string> call_arg_names() const { return {}; }

  // ---- building ----
  bool built() const { return built_; }
  // Creates the weights for inputs of these shapes (one per input tensor).
  virtual void build(const std::vector<Shape>& input_shapes);
  // Keras' build_config ({"input_shape": ...} or {"shapes_dict": ...}) or
  // null when never built.
  virtual Json get_build_config() const;
  virtual void build_from_config(const Json& build_config);

  // ---- weights ----
  VariablePtr add_weight(const WeightOptions& options);
  // This layer's own variables, trainable-at-creation first (vars/<i>).
  virtual Variables own_variables() const;
  // Own variables, then each sublayer's, depth first, without duplicates.
  Variables weights() const;
  Variables trainable_weights() const;
  Variables non_trainable_weights() const;
  std::vector<Tensor> get_weights() const;
  void set_weights(const std::vector<Tensor>& values);
  std::int64_t count_params() const;

  bool trainable() const { return trainable_; }
  // Also freezes/unfreezes every sublayer and variable (as in Keras).
  virtual void set_trainable(bool trainable);

  // Penalties to add to the training loss: weight regularizers of every
  // variable and activity regularization of the last training call.
  Tensors losses() const;

  // ---- assets (Keras' save_assets / load_assets) ----
  // Files kept beside the weights, under assets/<this layer's weight path>/
  // of a saved model (a lookup layer's vocabulary.txt). load_assets() runs
  // after the weights are loaded. Default: none.
  virtual void save_assets(saving::AssetsDir& /*dir*/) const {}
  virtual void load_assets(const saving::AssetsDir& /*dir*/) {}

  // ---- sublayers ----
  // Sublayers in tracking order, each once (Keras' `_layers`; what
  // `weights` recurses into).
  virtual std::vector<LayerPtr> sublayers() const;
  // Attribute name -> sublayer(s), for weight paths.
  const std::vector<TrackedAttribute>& tracked_attributes() const {
    return tracked_;
  }
  // Declares `layer` as the Python attribute `attribute`.
  template <class T>
  std::shared_ptr<T> track(const std::string& attribute,
                           std::shared_ptr<T> layer) {
    tracked_.push_back({attribute, TrackedValue(layer)});
    return layer;
  }
  // A list (or dict, by its values) of layers held in `attribute`.
  void track_list(const std::string& attribute, std::vector<LayerPtr> layers);
  // A container whose items may be containers themselves (TrackedValue).
  void track_container(const std::string& attribute,
                       std::vector<TrackedValue> items);

  // ---- config ----
  // The record with build_config (when built).
  Json serialize() const override;
  // name, trainable, dtype (+ activity_regularizer), as Layer.get_config.
  Json get_config() const override;
  const std::string& dtype_policy() const { return dtype_policy_; }
  DType variable_dtype() const;
  DType compute_dtype() const;

  // Output shapes of the first symbolic call, if any (for summary()).
  std::optional<std::vector<Shape>> output_shapes() const;

 protected:
  // Called by invoke() once, before the first call. `names` are the
  // call-argument names of `inputs` (empty unless call_arg_names() is).
  void maybe_build(const Tensors& inputs, ArgsForm form,
                   const std::vector<std::string>& names = {});
  void set_built(bool built) { built_ = built; }
  // Keras' _build_at_init(): a layer without state is built when made, so
  // it never records a build_config.
  void build_at_init() { built_at_init_ = true; }
  void set_supports_masking(bool value) { supports_masking_ = value; }

 private:
  Tensors invoke(const Tensors& inputs, ArgsForm form, const CallContext& ctx);
  // Whether the node of this symbolic call records `mask=` (Keras' rule).
  bool records_mask_kwarg(const Tensors& raw_inputs, ArgsForm form,
                          const CallContext& ctx,
                          const std::vector<std::string>& kwarg_names) const;
  // Orders positional tensors and call-argument tensor kwargs as
  // call_arg_names() (moving the latter out of ctx.tensor_kwargs); returns
  // the names of the resulting inputs.
  std::vector<std::string> bind_call_args(Tensors& inputs,
                                          CallContext& ctx) const;

  bool built_ = false;
  bool built_at_init_ = false;
  bool supports_masking_ = false;
  bool trainable_ = true;
  std::string dtype_policy_;
  regularizers::RegularizerPtr activity_regularizer_;
  Json build_config_;  // Keras' build_config; null until built
  Variables trainable_variables_;
  Variables non_trainable_variables_;
  std::vector<TrackedAttribute> tracked_;
  std::vector<std::pair<VariablePtr, regularizers::RegularizerPtr>>
      regularized_;
  Tensors activity_losses_;
};

namespace saving {
class ConfigReader;
}
// Reads name / trainable / dtype (a string or a DTypePolicy record, as every
// Keras version wrote it) / activity_regularizer from a layer config.
LayerOptions layer_options_from_config(const saving::ConfigReader& config);

// Deserializes a layer record and applies its build_config (Keras'
// deserialize_keras_object for layers).
LayerPtr deserialize_layer(
    const Json& record, const saving::CustomObjects* custom_objects = nullptr);

// While alive, layers called on symbolic tensors on this thread compute
// shapes only and record no graph nodes (used to build subclassed models and
// to infer shapes inside a layer's own symbolic call).
class SymbolicScope {
 public:
  SymbolicScope();
  ~SymbolicScope();
  SymbolicScope(const SymbolicScope&) = delete;
  SymbolicScope& operator=(const SymbolicScope&) = delete;
  // True while a layer's own symbolic call runs on this thread.
  static bool active();
};

// The Keras mask a tensor carries (undefined when none).
Tensor get_keras_mask(const Tensor& t);
void set_keras_mask(const Tensor& t, const Tensor& mask);

// Serializes a shape as Keras does (null for unknown dims).
Json shape_to_json(const Shape& shape);
Shape shape_from_json(const Json& value);

}  // namespace keras

namespace keras::saving {
template <>
struct KindName<Layer> {
  static constexpr const char* value = "layer";
};
}  // namespace keras::saving
