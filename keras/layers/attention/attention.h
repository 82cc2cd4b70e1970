// File: keras/layers/attention/attention.h
// -----------------------------------------------------------------------------
// Attention (Python: keras/src/layers/attention/attention.py): Luong-style
// dot-product attention over a list [query, value] or [query, value, key]:
// scores (B, Tq, Tv) = query . key (score_mode "dot", times `scale` with
// use_scale) or concat_score_weight * sum(tanh(scale * (q + k))) ("concat");
// the value mask and use_causal_mask exclude positions, the output is
// softmax(scores) @ value, zero where the query mask is off.
// return_attention_scores=true adds the softmax weights as a second output.
// AdditiveAttention (additive_attention.h) derives from it.
//
//   auto y = keras::layers::Attention()({query, value});
// -----------------------------------------------------------------------------
#pragma once

#include <optional>
#include <string>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"
#include "keras/layers/regularization/seed_stream.h"

namespace keras::layers {

// Field order is Python's __init__ order.
struct AttentionOptions {
  bool use_scale = false;
  std::string score_mode = "dot";  // "dot" or "concat"
  double dropout = 0.0;
  std::optional<std::int64_t> seed = std::nullopt;
  LayerOptions base = {};
};

class AttentionLayer : public Layer {
 public:
  explicit AttentionLayer(AttentionOptions options = {});

  std::string class_name() const override { return "Attention"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Tensors compute_mask(const Tensors& inputs,
                       const Tensors& masks) const override;
  Json get_config() const override;
  static std::shared_ptr<AttentionLayer> from_config(const Json& config);

  const AttentionOptions& options() const { return options_; }
  const VariablePtr& scale() const { return scale_; }
  const VariablePtr& concat_score_weight() const { return concat_weight_; }

 protected:
  AttentionLayer(AttentionOptions options, const std::string& base_name);
  // Scores (B, Tq, Tv) of query (B, Tq, dim) against key (B, Tv, dim).
  virtual Tensor calculate_scores(const Tensor& query, const Tensor& key);
  // Keras' _validate_inputs: a list of 2 or 3 tensors.
  void validate_inputs(std::size_t count, ArgsForm form) const;

  AttentionOptions options_;
  VariablePtr scale_, concat_weight_;
  SeedStream seeds_;
};

class Attention : public Ref<AttentionLayer> {
 public:
  explicit Attention(AttentionOptions options = {})
      : Ref(std::make_shared<AttentionLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
