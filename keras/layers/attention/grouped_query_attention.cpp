#include "keras/layers/attention/grouped_query_attention.h"

#include <cmath>

#include "keras/ops/array_ops.h"
#include "keras/ops/einsum.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

GroupedQueryAttentionLayer::GroupedQueryAttentionLayer(
    std::int64_t head_dim, std::int64_t num_query_heads,
    std::int64_t num_key_value_heads, GroupedQueryAttentionOptions options)
    : Layer(options.base, "grouped_query_attention"),
      head_dim_(head_dim),
      num_query_heads_(num_query_heads),
      num_key_value_heads_(num_key_value_heads),
      options_(std::move(options)) {
  check_positive_argument("head_dim", head_dim);
  check_positive_argument("num_query_heads", num_query_heads);
  check_positive_argument("num_key_value_heads", num_key_value_heads);
  if (num_query_heads % num_key_value_heads != 0) {
    throw ValueError(
        "`num_query_heads` must be divisible by `num_key_value_heads`.");
  }
  if (options_.sliding_window && *options_.sliding_window <= 0) {
    throw ValueError(
        str("`sliding_window` must be `None` or a positive "
            "integer. Received: sliding_window=",
            *options_.sliding_window));
  }
  set_supports_masking(true);
  projection_ = projection_settings(options_, dtype_policy());
}

void GroupedQueryAttentionLayer::build(const std::vector<Shape>& shapes) {
  if (shapes.size() < 2) {
    throw ValueError(str("GroupQueryAttention '", name(),
                         "' needs query and value inputs. Received ",
                         shapes.size(), " input(s)."));
  }
  const Shape& query_shape = shapes[0];
  const Shape& value_shape = shapes[1];
  const Shape& key_shape = shapes.size() > 2 ? shapes[2] : value_shape;
  for (const Shape* s : {&query_shape, &value_shape, &key_shape}) {
    if (s->size() != 3) {
      throw ValueError(str("GroupQueryAttention '", name(),
                           "' expects inputs of rank 3 (batch, sequence, "
                           "features). Received: shape=",
                           shape_str(*s)));
    }
  }
  if (query_shape.back() != value_shape.back()) {
    throw ValueError(
        str("The last dimension of `query_shape` and "
            "`value_shape` must be equal, but are ",
            query_shape.back(), ", ", value_shape.back(),
            ". Received: query_shape=", shape_str(query_shape),
            ", value_shape=", shape_str(value_shape)));
  }
  if (value_shape[1] != key_shape[1]) {
    throw ValueError(
        str("All dimensions of `value` and `key`, except the "
            "last one, must be equal. Received: value_shape=",
            shape_str(value_shape), " and key_shape=", shape_str(key_shape)));
  }
  const auto bias = [&](const char* axes) {
    return options_.use_bias ? std::optional<std::string>(axes)
                             : std::optional<std::string>();
  };
  query_dense_ = track("_query_dense",
                       make_projection(projection_, "query", "bqm,muh->bquh",
                                       {-1, num_query_heads_, head_dim_},
                                       bias("uh"), query_shape));
  key_dense_ =
      track("_key_dense", make_projection(projection_, "key", "bkm,mvh->bkvh",
                                          {-1, num_key_value_heads_, head_dim_},
                                          bias("vh"), key_shape));
  if (options_.use_gate) {
    gate_dense_ = track("_gate_dense",
                        make_projection(projection_, "gate", "bqm,muh->bquh",
                                        {-1, num_query_heads_, head_dim_},
                                        bias("uh"), query_shape, "sigmoid"));
  }
  value_dense_ = track("_value_dense",
                       make_projection(projection_, "value", "bkm,mvh->bkvh",
                                       {-1, num_key_value_heads_, head_dim_},
                                       bias("vh"), value_shape));
  softmax_ =
      track("_softmax", std::make_shared<SoftmaxLayer>(SoftmaxOptions{
                            .axis = {-1}, .base = {.dtype = dtype_policy()}}));
  dropout_layer_ = track(
      "_dropout_layer",
      std::make_shared<DropoutLayer>(
          options_.dropout, DropoutOptions{.seed = options_.seed,
                                           .base = {.dtype = dtype_policy()}}));
  output_dense_ =
      track("_output_dense",
            make_projection(projection_, "attention_output", "bquh,uhm->bqm",
                            {-1, query_shape.back()}, bias("m"),
                            {-1, -1, num_query_heads_, head_dim_}));
}

Tensors GroupedQueryAttentionLayer::call(const Tensors& inputs,
                                         const CallContext& ctx) {
  check_query_and_value(inputs, class_name());
  const Tensor& query = inputs[0];
  const Tensor& value = inputs[1];
  const Tensor& key = inputs.size() > 2 ? inputs[2] : value;
  const Tensor attention_mask =
      call_attention_mask(inputs, ctx, options_.sliding_window);

  Tensor gate;
  if (gate_dense_) gate = (*gate_dense_)(query);
  Tensor q = (*query_dense_)(query);  // (B, T, Nq, H)
  // Each key/value head serves num_repeats query heads: (B, S, Nq, H).
  const std::int64_t repeats = num_query_heads_ / num_key_value_heads_;
  const Tensor k = ops::repeat((*key_dense_)(key), repeats, 2);
  const Tensor v = ops::repeat((*value_dense_)(value), repeats, 2);
  q = ops::multiply(
      q, Tensor::scalar(1.0 / std::sqrt(double(head_dim_)), q.dtype()));
  Tensor scores = ops::einsum("bquh,bkuh->buqk", q, k);
  scores = masked_softmax(*softmax_, scores, attention_mask, -3);
  const Tensor weights =
      attention_dropout(*dropout_layer_, scores, ctx.training);
  Tensor output = ops::einsum("buqk,bkuh->bquh", weights, v);
  if (gate.defined()) output = ops::multiply(output, gate);
  output = (*output_dense_)(output);
  if (ctx.flag("return_attention_scores")) return {output, scores};
  return {output};
}

Tensor GroupedQueryAttentionLayer::operator()(const Tensor& query,
                                              const Tensor& value,
                                              const AttentionCallArgs& args) {
  return call_attention(query, value, args).at(0);
}

Tensors GroupedQueryAttentionLayer::call_attention(
    const Tensor& query, const Tensor& value, const AttentionCallArgs& args) {
  return call_attention_layer(*this, query, value, args);
}

Json GroupedQueryAttentionLayer::get_config() const {
  Json config = Layer::get_config();
  config["head_dim"] = head_dim_;
  config["num_query_heads"] = num_query_heads_;
  config["num_key_value_heads"] = num_key_value_heads_;
  config["use_bias"] = options_.use_bias;
  config["use_gate"] = options_.use_gate;
  config["sliding_window"] =
      options_.sliding_window ? Json(*options_.sliding_window) : Json(nullptr);
  config["dropout"] = options_.dropout;
  write_projection_config(config, projection_);
  config["seed"] = options_.seed ? Json(*options_.seed) : Json(nullptr);
  return config;
}

std::shared_ptr<GroupedQueryAttentionLayer>
GroupedQueryAttentionLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "GroupQueryAttention");
  GroupedQueryAttentionOptions o;
  o.base = layer_options_from_config(r);
  const ProjectionSettings s = read_projection_config(r, o.base);
  o.dropout = r.get("dropout", 0.0);
  o.use_bias = r.get("use_bias", true);
  o.sliding_window = r.optional<std::int64_t>("sliding_window");
  set_projection_options(o, s);
  o.use_gate = r.get("use_gate", false);
  o.seed = r.optional<std::int64_t>("seed");
  return std::make_shared<GroupedQueryAttentionLayer>(
      r.required<std::int64_t>("head_dim"),
      r.required<std::int64_t>("num_query_heads"),
      r.required<std::int64_t>("num_key_value_heads"), std::move(o));
}

}  // namespace keras::layers
