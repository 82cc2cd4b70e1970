// File: keras/layers/attention/multi_head_attention.h
// -----------------------------------------------------------------------------
// MultiHeadAttention (Python: keras/src/layers/attention/
// multi_head_attention.py). Called as mha(query, value[, key]) with optional
// attention_mask (B, T, S), use_causal_mask and return_attention_scores; the
// keras masks of query/value/key join the attention mask and the query's
// mask rides on the output. build() creates the EinsumDense projections
// "query", "key", ("gate",) "value" and "attention_output" (weights under
// query_dense/, key_dense/, value_dense/, output_dense/ in weight files) and
// the Softmax / Dropout sublayers; the build config is Keras'
// {"shapes_dict": {"query_shape", "value_shape"[, "key_shape"]}}.
//
//   keras::layers::MultiHeadAttention mha(2, 16);
//   auto y = mha(x, x, {.use_causal_mask = true});
//   auto both = mha->call_attention(q, v, {.return_attention_scores = true});
// -----------------------------------------------------------------------------
#pragma once

#include <optional>

#include "keras/core/ref.h"
#include "keras/layers/attention/attention_utils.h"
#include "keras/layers/regularization/dropout.h"

namespace keras::layers {

// Field order is Python's __init__ order (after num_heads, key_dim).
struct MultiHeadAttentionOptions {
  std::optional<std::int64_t> value_dim = std::nullopt;  // default key_dim
  double dropout = 0.0;
  bool use_bias = true;
  // Output dims after batch and sequence dims (default: query's last dim).
  std::optional<Shape> output_shape = std::nullopt;
  // Axes of the attention (default: all but batch, heads and features).
  std::optional<std::vector<std::int64_t>> attention_axes = std::nullopt;
  std::optional<std::int64_t> sliding_window = std::nullopt;
  initializers::Initializer kernel_initializer = "glorot_uniform";
  initializers::Initializer bias_initializer = "zeros";
  regularizers::RegularizerPtr kernel_regularizer = nullptr;
  regularizers::RegularizerPtr bias_regularizer = nullptr;
  // Applied to the projections' outputs (as in Keras).
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  constraints::ConstraintPtr kernel_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  bool use_gate = false;
  std::optional<std::int64_t> seed = std::nullopt;
  LayerOptions base = {};
};

class MultiHeadAttentionLayer : public Layer {
 public:
  MultiHeadAttentionLayer(std::int64_t num_heads, std::int64_t key_dim,
                          MultiHeadAttentionOptions options = {});

  std::string class_name() const override { return "MultiHeadAttention"; }
  std::vector<std::string> call_arg_names() const override {
    return {"query", "value", "key"};
  }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<MultiHeadAttentionLayer> from_config(
      const Json& config);

  using Layer::operator();
  // mha(query, value, {.key = ..., .attention_mask = ...}): the output.
  Tensor operator()(const Tensor& query, const Tensor& value,
                    const AttentionCallArgs& args = {});
  // Every output: (output) or (output, scores) with return_attention_scores.
  Tensors call_attention(const Tensor& query, const Tensor& value,
                         const AttentionCallArgs& args = {});

  std::int64_t num_heads() const { return num_heads_; }
  std::int64_t key_dim() const { return key_dim_; }
  std::int64_t value_dim() const { return value_dim_; }
  const std::shared_ptr<EinsumDenseLayer>& query_dense() const {
    return query_dense_;
  }
  const std::shared_ptr<EinsumDenseLayer>& key_dense() const {
    return key_dense_;
  }
  const std::shared_ptr<EinsumDenseLayer>& value_dense() const {
    return value_dense_;
  }
  const std::shared_ptr<EinsumDenseLayer>& output_dense() const {
    return output_dense_;
  }

 private:
  void build_attention(std::int64_t rank);

  std::int64_t num_heads_, key_dim_, value_dim_;
  MultiHeadAttentionOptions options_;
  ProjectionSettings projection_;
  std::optional<std::vector<std::int64_t>> attention_axes_;
  std::string dot_product_equation_, combine_equation_;
  std::shared_ptr<EinsumDenseLayer> query_dense_, key_dense_, value_dense_,
      gate_dense_, output_dense_;
  std::shared_ptr<SoftmaxLayer> softmax_;
  std::shared_ptr<DropoutLayer> dropout_layer_;
};

class MultiHeadAttention : public Ref<MultiHeadAttentionLayer> {
 public:
  MultiHeadAttention(std::int64_t num_heads, std::int64_t key_dim,
                     MultiHeadAttentionOptions options = {})
      : Ref(std::make_shared<MultiHeadAttentionLayer>(num_heads, key_dim,
                                                      std::move(options))) {}
  using Ref::Ref;
  using Ref::operator();
  // layer(query, value, {.key = ..., .attention_mask = ...}).
  Tensor operator()(const Tensor& query, const Tensor& value,
                    const AttentionCallArgs& args = {}) const {
    return (**this)(query, value, args);
  }
};

}  // namespace keras::layers
