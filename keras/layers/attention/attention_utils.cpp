#include "keras/layers/attention/attention_utils.h"

#include "keras/layers/convolutional/conv_layer_base.h"  // read_initializer
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

namespace {

Tensor and_mask(const Tensor& a, const Tensor& b) {
  return a.defined() ? ops::logical_and(a, b) : b;
}

Tensor as_bool(const Tensor& t) {
  return t.dtype() == DType::bool_ ? t : ops::cast(t, DType::bool_);
}

// (1, T, 1) row and (1, 1, S) column indices.
std::pair<Tensor, Tensor> positions(std::int64_t t, std::int64_t s) {
  return {ops::reshape(ops::arange(0, double(t), 1, DType::int32), {1, t, 1}),
          ops::reshape(ops::arange(0, double(s), 1, DType::int32), {1, 1, s})};
}

}  // namespace

Tensor compute_attention_mask(const Tensor& query, const Tensor& value,
                              const AttentionMasks& m) {
  // Masks do not change shapes: symbolic calls skip them.
  if (query.is_symbolic() || value.is_symbolic()) return Tensor();
  Tensor mask;
  if (m.query_mask.defined()) {
    mask = ops::expand_dims(as_bool(m.query_mask), -1);  // (B, T, 1)
  }
  if (m.value_mask.defined()) {
    mask = and_mask(mask, ops::expand_dims(as_bool(m.value_mask), -2));
  }
  if (m.key_mask.defined()) {
    mask = and_mask(mask, ops::expand_dims(as_bool(m.key_mask), -2));
  }
  const std::int64_t t = query.dim(1), s = value.dim(1);
  if (m.use_causal_mask) {
    const auto [row, col] = positions(t, s);
    mask = and_mask(mask, ops::greater_equal(row, col));  // (1, T, S)
  }
  if (m.sliding_window) {
    const auto [row, col] = positions(t, s);
    mask = and_mask(mask, ops::less(ops::abs(ops::subtract(row, col)),
                                    Tensor::scalar(double(*m.sliding_window),
                                                   DType::int32)));
  }
  if (m.attention_mask.defined()) {
    const Tensor explicit_mask = as_bool(m.attention_mask);
    mask =
        mask.defined() ? ops::logical_and(explicit_mask, mask) : explicit_mask;
  }
  return mask;
}

void check_query_and_value(const Tensors& inputs,
                           const std::string& class_name) {
  if (inputs.size() < 2) {
    throw TypeError(str(class_name,
                        ".call() missing 1 required positional argument: "
                        "'value'"));
  }
}

Tensor call_attention_mask(const Tensors& inputs, const CallContext& ctx,
                           std::optional<std::int64_t> sliding_window) {
  const auto mask_of = [&](std::size_t i) {
    return i < ctx.masks.size() ? ctx.masks[i] : Tensor();
  };
  AttentionMasks masks;
  masks.query_mask = mask_of(0);
  masks.value_mask = mask_of(1);
  if (inputs.size() > 2) masks.key_mask = mask_of(2);
  masks.attention_mask = ctx.tensor_kwarg("attention_mask");
  masks.use_causal_mask = ctx.flag("use_causal_mask");
  masks.sliding_window = sliding_window;
  return compute_attention_mask(inputs.at(0), inputs.at(1), masks);
}

Tensor attention_dropout(DropoutLayer& dropout, const Tensor& scores,
                         bool training) {
  if (dropout.rate() <= 0.0) return scores;
  CallContext ctx;
  ctx.training = training;
  return dropout(scores, ctx);
}

Tensor masked_softmax(SoftmaxLayer& softmax, const Tensor& scores, Tensor mask,
                      std::int64_t expansion_axis) {
  CallContext ctx;
  if (mask.defined()) {
    while (mask.ndim() < scores.ndim()) {
      mask = ops::expand_dims(mask, expansion_axis);
    }
    ctx.masks = {mask};
  } else {
    ctx.masks = {Tensor()};
  }
  return softmax(scores, ctx);
}

std::shared_ptr<EinsumDenseLayer> make_projection(
    const ProjectionSettings& s, const std::string& name,
    const std::string& equation, Shape output_shape,
    std::optional<std::string> bias_axes, const Shape& input_shape,
    activations::Activation activation) {
  EinsumDenseOptions o;
  o.activation = std::move(activation);
  o.bias_axes = std::move(bias_axes);
  o.kernel_initializer = s.kernel_initializer;
  o.bias_initializer = s.bias_initializer;
  o.kernel_regularizer = s.kernel_regularizer;
  o.bias_regularizer = s.bias_regularizer;
  o.kernel_constraint = s.kernel_constraint;
  o.bias_constraint = s.bias_constraint;
  o.base.name = name;
  o.base.dtype = s.dtype;
  o.base.activity_regularizer = s.activity_regularizer;
  auto layer =
      std::make_shared<EinsumDenseLayer>(equation, std::move(output_shape), o);
  layer->build_from_config({{"input_shape", shape_to_json(input_shape)}});
  return layer;
}

void write_projection_config(Json& config, const ProjectionSettings& s) {
  using saving::serialize_keras_object;
  config["kernel_initializer"] =
      serialize_keras_object(s.kernel_initializer.object());
  config["bias_initializer"] =
      serialize_keras_object(s.bias_initializer.object());
  config["kernel_regularizer"] = serialize_keras_object(s.kernel_regularizer);
  config["bias_regularizer"] = serialize_keras_object(s.bias_regularizer);
  config["activity_regularizer"] =
      serialize_keras_object(s.activity_regularizer);
  config["kernel_constraint"] = serialize_keras_object(s.kernel_constraint);
  config["bias_constraint"] = serialize_keras_object(s.bias_constraint);
}

ProjectionSettings read_projection_config(const saving::ConfigReader& r,
                                          LayerOptions& base) {
  ProjectionSettings s;
  s.kernel_initializer =
      read_initializer(r, "kernel_initializer", "glorot_uniform");
  s.bias_initializer = read_initializer(r, "bias_initializer", "zeros");
  s.kernel_regularizer = read_regularizer(r, "kernel_regularizer");
  s.bias_regularizer = read_regularizer(r, "bias_regularizer");
  s.activity_regularizer = std::move(base.activity_regularizer);
  base.activity_regularizer = nullptr;
  s.kernel_constraint = read_constraint(r, "kernel_constraint");
  s.bias_constraint = read_constraint(r, "bias_constraint");
  s.dtype = base.dtype;
  return s;
}

void check_positive_argument(const char* name, std::int64_t value,
                             const char* expected) {
  if (value <= 0) {
    throw ValueError(str("Received an invalid value for argument `", name,
                         "`, expected ", expected, ". Received: ", name, "=",
                         value));
  }
}

}  // namespace keras::layers

namespace keras::layers {

Tensors call_attention_layer(Layer& layer, const Tensor& query,
                             const Tensor& value,
                             const AttentionCallArgs& args) {
  Tensors inputs = {query, value};
  if (args.key.defined()) inputs.push_back(args.key);
  CallContext ctx;
  ctx.training = args.training;
  if (args.return_attention_scores) {
    ctx.kwargs["return_attention_scores"] = true;
  }
  if (args.use_causal_mask) ctx.kwargs["use_causal_mask"] = true;
  if (args.attention_mask.defined()) {
    ctx.tensor_kwargs.emplace_back("attention_mask", args.attention_mask);
  }
  return layer.call_with(inputs, ArgsForm::kPositional, ctx);
}

}  // namespace keras::layers
