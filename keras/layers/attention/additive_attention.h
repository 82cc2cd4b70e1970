// File: keras/layers/attention/additive_attention.h
// -----------------------------------------------------------------------------
// AdditiveAttention (Python: keras/src/layers/attention/
// additive_attention.py): Bahdanau-style attention, an Attention whose scores
// are sum(scale * tanh(query[:, :, None] + key[:, None]), -1), with a
// trainable `scale` of shape (dim,) when use_scale (the default).
//
//   auto y = keras::layers::AdditiveAttention()({query, value, key});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/layers/attention/attention.h"

namespace keras::layers {

struct AdditiveAttentionOptions {
  bool use_scale = true;
  double dropout = 0.0;
  LayerOptions base = {};
};

class AdditiveAttentionLayer : public AttentionLayer {
 public:
  explicit AdditiveAttentionLayer(AdditiveAttentionOptions options = {});

  std::string class_name() const override { return "AdditiveAttention"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Json get_config() const override;
  static std::shared_ptr<AdditiveAttentionLayer> from_config(
      const Json& config);

 protected:
  Tensor calculate_scores(const Tensor& query, const Tensor& key) override;
};

class AdditiveAttention : public Ref<AdditiveAttentionLayer> {
 public:
  explicit AdditiveAttention(AdditiveAttentionOptions options = {})
      : Ref(std::make_shared<AdditiveAttentionLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
