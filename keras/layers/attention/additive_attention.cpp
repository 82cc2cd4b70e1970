#include "keras/layers/attention/additive_attention.h"

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

AdditiveAttentionLayer::AdditiveAttentionLayer(AdditiveAttentionOptions o)
    : AttentionLayer({.use_scale = o.use_scale,
                      .dropout = o.dropout,
                      .base = std::move(o.base)},
                     "additive_attention") {}

void AdditiveAttentionLayer::build(const std::vector<Shape>& shapes) {
  if (options_.use_scale && !shapes.empty() && !shapes[0].empty()) {
    scale_ = add_weight({.name = "scale", .shape = {shapes[0].back()}});
  }
}

Tensor AdditiveAttentionLayer::calculate_scores(const Tensor& query,
                                                const Tensor& key) {
  // (B, Tq, 1, dim) + (B, 1, Tv, dim).
  Tensor t = ops::tanh(
      ops::add(ops::expand_dims(query, -2), ops::expand_dims(key, -3)));
  if (scale_) t = ops::multiply(scale_->value(), t);
  return ops::sum(t, {-1});
}

Json AdditiveAttentionLayer::get_config() const {
  Json config = AttentionLayer::get_config();
  config.erase("score_mode");
  return config;
}

std::shared_ptr<AdditiveAttentionLayer> AdditiveAttentionLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "AdditiveAttention");
  AdditiveAttentionOptions o;
  o.base = layer_options_from_config(r);
  o.use_scale = r.get("use_scale", true);
  o.dropout = r.get("dropout", 0.0);
  return std::make_shared<AdditiveAttentionLayer>(std::move(o));
}

}  // namespace keras::layers
