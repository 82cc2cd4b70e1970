#include "keras/layers/attention/attention.h"

#include "keras/ops/ops.h"
#include "keras/random/random.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

AttentionLayer::AttentionLayer(AttentionOptions options)
    : AttentionLayer(std::move(options), "attention") {}

AttentionLayer::AttentionLayer(AttentionOptions options,
                               const std::string& base_name)
    : Layer(options.base, base_name),
      options_(std::move(options)),
      seeds_(options_.seed) {
  if (options_.score_mode != "dot" && options_.score_mode != "concat") {
    throw ValueError(
        str("Invalid value for argument score_mode. Expected one "
            "of {'dot', 'concat'}. Received: score_mode=",
            options_.score_mode));
  }
}

void AttentionLayer::validate_inputs(std::size_t count, ArgsForm form) const {
  if (form != ArgsForm::kList) {
    throw ValueError(str(class_name(),
                         " layer must be called on a list of inputs, namely "
                         "[query, value] or [query, value, key]. Received ",
                         count, " tensor(s) not in a list."));
  }
  if (count < 2 || count > 3) {
    throw ValueError(str(class_name(),
                         " layer accepts inputs list of length 2 or 3, "
                         "namely [query, value] or [query, value, key]. "
                         "Received length: ",
                         count, "."));
  }
}

// call() validates the inputs: only it knows whether they came as a list.
void AttentionLayer::build(const std::vector<Shape>&) {
  if (options_.use_scale) {
    scale_ = add_weight({.name = "scale", .shape = {}, .initializer = "ones"});
  }
  if (options_.score_mode == "concat") {
    concat_weight_ = add_weight(
        {.name = "concat_score_weight", .shape = {}, .initializer = "ones"});
  }
}

Tensor AttentionLayer::calculate_scores(const Tensor& query,
                                        const Tensor& key) {
  if (options_.score_mode == "dot") {
    ops::Axes swap_last;  // key with its last two axes swapped
    for (std::int64_t i = 0; i < key.ndim(); ++i) swap_last.push_back(i);
    std::swap(swap_last[swap_last.size() - 1], swap_last[swap_last.size() - 2]);
    Tensor scores = ops::matmul(query, ops::transpose(key, swap_last));
    if (scale_) scores = ops::multiply(scores, scale_->value());
    return scores;
  }
  // concat: (B, Tq, 1, dim) + (B, 1, Tv, dim).
  Tensor sum = ops::add(ops::expand_dims(query, -2), ops::expand_dims(key, -3));
  if (scale_) sum = ops::multiply(scale_->value(), sum);
  return ops::multiply(concat_weight_->value(), ops::sum(ops::tanh(sum), {-1}));
}

Tensors AttentionLayer::call(const Tensors& inputs, const CallContext& ctx) {
  validate_inputs(inputs.size(), ctx.form);
  const Tensor& q = inputs[0];
  const Tensor& v = inputs[1];
  const Tensor& k = inputs.size() > 2 ? inputs[2] : v;
  const Tensor q_mask = ctx.masks.size() > 0 ? ctx.masks[0] : Tensor();
  Tensor v_mask = ctx.masks.size() > 1 ? ctx.masks[1] : Tensor();
  Tensor scores = calculate_scores(q, k);
  if (!scores.is_symbolic()) {
    if (ctx.flag("use_causal_mask")) {
      const std::int64_t tq = scores.dim(-2), tv = scores.dim(-1);
      const Tensor row =
          ops::reshape(ops::arange(0, double(tq), 1, DType::int32), {1, tq, 1});
      const Tensor col =
          ops::reshape(ops::arange(0, double(tv), 1, DType::int32), {1, 1, tv});
      Tensor causal = ops::greater_equal(row, col);
      v_mask = v_mask.defined()
                   ? ops::logical_and(ops::expand_dims(v_mask, -2), causal)
                   : causal;
    }
    if (v_mask.defined()) {
      Tensor padding = ops::logical_not(v_mask.dtype() == DType::bool_
                                            ? v_mask
                                            : ops::cast(v_mask, DType::bool_));
      if (padding.ndim() == 2) padding = ops::expand_dims(padding, -2);
      const double max_value = scores.dtype() == DType::float16 ? 65504.0 : 1e9;
      scores = ops::where(
          padding,
          ops::subtract(scores, Tensor::scalar(max_value, scores.dtype())),
          scores);
    }
  }
  Tensor weights = ops::softmax(scores, -1);
  Tensor dropped = weights;
  if (ctx.training && options_.dropout > 0) {
    const Tensor keep =
        random::dropout_mask(weights.shape(), options_.dropout, seeds_.next());
    dropped = ops::multiply(weights, keep);
  }
  Tensor output = ops::matmul(dropped, v);
  if (q_mask.defined() && !output.is_symbolic()) {
    const Tensor keep = q_mask.dtype() == DType::bool_
                            ? q_mask
                            : ops::cast(q_mask, DType::bool_);
    output = ops::where(ops::expand_dims(keep, -1), output,
                        Tensor::scalar(0.0, output.dtype()));
  }
  if (ctx.flag("return_attention_scores")) return {output, weights};
  return {output};
}

Tensors AttentionLayer::compute_mask(const Tensors&,
                                     const Tensors& masks) const {
  if (masks.empty() || !masks[0].defined()) return {};
  return {masks[0]};
}

Json AttentionLayer::get_config() const {
  Json config = Layer::get_config();
  config["use_scale"] = options_.use_scale;
  config["score_mode"] = options_.score_mode;
  config["dropout"] = options_.dropout;
  config["seed"] = options_.seed ? Json(*options_.seed) : Json(nullptr);
  return config;
}

std::shared_ptr<AttentionLayer> AttentionLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Attention");
  AttentionOptions o;
  o.base = layer_options_from_config(r);
  o.use_scale = r.get("use_scale", false);
  o.score_mode = r.get<std::string>("score_mode", "dot");
  o.dropout = r.get("dropout", 0.0);
  o.seed = r.optional<std::int64_t>("seed");
  return std::make_shared<AttentionLayer>(std::move(o));
}

}  // namespace keras::layers
