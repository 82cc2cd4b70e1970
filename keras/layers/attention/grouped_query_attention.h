// File: keras/layers/attention/grouped_query_attention.h
// -----------------------------------------------------------------------------
// GroupedQueryAttention, saved as "GroupQueryAttention" (Python:
// keras/src/layers/attention/grouped_query_attention.py): attention with
// num_query_heads query heads sharing num_key_value_heads key/value heads
// (each key/value head serves num_query_heads / num_key_value_heads query
// heads). Inputs are (B, T, dim) query and (B, S, dim) value/key; called
// like MultiHeadAttention. Projections are the EinsumDense sublayers
// "query", "key", ("gate",) "value", "attention_output" (weights under
// _query_dense/, _key_dense/, _value_dense/, _output_dense/).
//
//   keras::layers::GroupedQueryAttention gqa(16, 8, 2);
//   auto y = gqa(q, v);
// -----------------------------------------------------------------------------
#pragma once

#include <optional>

#include "keras/core/ref.h"
#include "keras/layers/attention/attention_utils.h"
#include "keras/layers/regularization/dropout.h"

namespace keras::layers {

// Field order is Python's __init__ order (after the three sizes).
struct GroupedQueryAttentionOptions {
  double dropout = 0.0;
  bool use_bias = true;
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

class GroupedQueryAttentionLayer : public Layer {
 public:
  GroupedQueryAttentionLayer(std::int64_t head_dim,
                             std::int64_t num_query_heads,
                             std::int64_t num_key_value_heads,
                             GroupedQueryAttentionOptions options = {});

  std::string class_name() const override { return "GroupQueryAttention"; }
  std::vector<std::string> call_arg_names() const override {
    return {"query", "value", "key"};
  }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<GroupedQueryAttentionLayer> from_config(
      const Json& config);

  using Layer::operator();
  Tensor operator()(const Tensor& query, const Tensor& value,
                    const AttentionCallArgs& args = {});
  Tensors call_attention(const Tensor& query, const Tensor& value,
                         const AttentionCallArgs& args = {});

  std::int64_t head_dim() const { return head_dim_; }
  std::int64_t num_query_heads() const { return num_query_heads_; }
  std::int64_t num_key_value_heads() const { return num_key_value_heads_; }

 private:
  std::int64_t head_dim_, num_query_heads_, num_key_value_heads_;
  GroupedQueryAttentionOptions options_;
  ProjectionSettings projection_;
  std::shared_ptr<EinsumDenseLayer> query_dense_, key_dense_, value_dense_,
      gate_dense_, output_dense_;
  std::shared_ptr<SoftmaxLayer> softmax_;
  std::shared_ptr<DropoutLayer> dropout_layer_;
};

class GroupedQueryAttention : public Ref<GroupedQueryAttentionLayer> {
 public:
  GroupedQueryAttention(std::int64_t head_dim, std::int64_t num_query_heads,
                        std::int64_t num_key_value_heads,
                        GroupedQueryAttentionOptions options = {})
      : Ref(std::make_shared<GroupedQueryAttentionLayer>(
            head_dim, num_query_heads, num_key_value_heads,
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
