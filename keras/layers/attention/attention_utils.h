// File: keras/layers/attention/attention_utils.h
// -----------------------------------------------------------------------------
// What MultiHeadAttention and GroupedQueryAttention share (Python: their
// _compute_attention_mask, _compute_causal_mask, _masked_softmax and
// _get_common_kwargs_for_sublayer): the merged boolean attention mask, the
// masked softmax over the scores, and the options of the EinsumDense
// projections built from the attention layer's own options.
// -----------------------------------------------------------------------------
#pragma once

#include <optional>
#include <string>

#include "keras/layers/activations/softmax.h"
#include "keras/layers/core/einsum_dense.h"
#include "keras/layers/layer.h"
#include "keras/layers/regularization/dropout.h"

namespace keras::layers {

struct AttentionMasks {
  Tensor query_mask;      // keras mask of the query, (B, T)
  Tensor value_mask;      // (B, S)
  Tensor key_mask;        // (B, S)
  Tensor attention_mask;  // (B, T, S) or broadcastable, any dtype
  bool use_causal_mask = false;
  std::optional<std::int64_t> sliding_window = std::nullopt;
};

// The AND of every mask that applies, as bool of shape broadcastable to
// (B, T, S); undefined when none does. T and S are dim 1 of query and value.
Tensor compute_attention_mask(const Tensor& query, const Tensor& value,
                              const AttentionMasks& masks);

// Raises Python's TypeError for call(query) without `value` (a hand-written
// or hostile config can record such a call).
void check_query_and_value(const Tensors& inputs,
                           const std::string& class_name);

// The attention mask of call(query, value[, key]): the inputs' keras masks
// (ctx.masks), attention_mask= and use_causal_mask= from ctx, and the
// sliding window.
Tensor call_attention_mask(const Tensors& inputs, const CallContext& ctx,
                           std::optional<std::int64_t> sliding_window);

// The attention weights through the layer's Dropout (rate 0: unchanged).
Tensor attention_dropout(DropoutLayer& dropout, const Tensor& scores,
                         bool training);

// softmax(scores) with `mask` (expanded at `expansion_axis` until it has the
// scores' rank) excluding positions.
Tensor masked_softmax(SoftmaxLayer& softmax, const Tensor& scores, Tensor mask,
                      std::int64_t expansion_axis);

// The options attention layers give their EinsumDense projections.
struct ProjectionSettings {
  initializers::Initializer kernel_initializer = "glorot_uniform";
  initializers::Initializer bias_initializer = "zeros";
  regularizers::RegularizerPtr kernel_regularizer;
  regularizers::RegularizerPtr bias_regularizer;
  regularizers::RegularizerPtr activity_regularizer;
  constraints::ConstraintPtr kernel_constraint;
  constraints::ConstraintPtr bias_constraint;
  std::string dtype;
};
std::shared_ptr<EinsumDenseLayer> make_projection(
    const ProjectionSettings& settings, const std::string& name,
    const std::string& equation, Shape output_shape,
    std::optional<std::string> bias_axes, const Shape& input_shape,
    activations::Activation activation = {});

// The projection fields of a layer's options (MultiHeadAttentionOptions,
// GroupedQueryAttentionOptions) and back.
template <class Options>
ProjectionSettings projection_settings(const Options& o, std::string dtype) {
  return {o.kernel_initializer, o.bias_initializer,     o.kernel_regularizer,
          o.bias_regularizer,   o.activity_regularizer, o.kernel_constraint,
          o.bias_constraint,    std::move(dtype)};
}
template <class Options>
void set_projection_options(Options& o, const ProjectionSettings& s) {
  o.kernel_initializer = s.kernel_initializer;
  o.bias_initializer = s.bias_initializer;
  o.kernel_regularizer = s.kernel_regularizer;
  o.bias_regularizer = s.bias_regularizer;
  o.activity_regularizer = s.activity_regularizer;
  o.kernel_constraint = s.kernel_constraint;
  o.bias_constraint = s.bias_constraint;
}

// Config keys shared by both layers, written in Keras' order.
void write_projection_config(Json& config, const ProjectionSettings& s);
// Reads them back (activity_regularizer belongs to the projections, not to
// the attention layer itself, so it is taken out of `base`).
ProjectionSettings read_projection_config(const saving::ConfigReader& r,
                                          LayerOptions& base);

// "Received an invalid value for argument `name`, expected a positive
// integer. Received: name=value" unless value > 0.
void check_positive_argument(const char* name, std::int64_t value,
                             const char* expected = "a positive integer");

}  // namespace keras::layers

namespace keras::layers {

// Call arguments of MultiHeadAttention / GroupedQueryAttention besides
// query and value (Python: key=, attention_mask=, ...).
struct AttentionCallArgs {
  Tensor key = {};
  Tensor attention_mask = {};
  bool return_attention_scores = false;
  bool use_causal_mask = false;
  bool training = false;
};

// layer(query, value, key=..., attention_mask=..., ...) as Keras records it:
// positional query, value (, key), keyword attention_mask and flags.
Tensors call_attention_layer(Layer& layer, const Tensor& query,
                             const Tensor& value,
                             const AttentionCallArgs& args);

}  // namespace keras::layers
