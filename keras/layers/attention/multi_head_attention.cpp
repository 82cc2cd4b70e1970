#include "keras/layers/attention/multi_head_attention.h"

#include <algorithm>
#include <cmath>

#include "keras/ops/einsum.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/utils/json_utils.h"

namespace keras::layers {

namespace {

char letter(std::int64_t i) { return static_cast<char>('a' + i); }

struct Projection {
  std::string equation, bias_axes;
  std::int64_t output_rank;
};

// Keras' _build_proj_equation: `free` dims carried over, `bound` dims
// contracted with the kernel, `output` dims produced by it.
Projection projection_equation(std::int64_t free, std::int64_t bound,
                               std::int64_t output) {
  std::string input, kernel, out, bias;
  for (std::int64_t i = 0; i < free; ++i) {
    input += letter(i);
    out += letter(i);
  }
  for (std::int64_t i = 0; i < bound; ++i) {
    input += letter(free + i);
    kernel += letter(free + i);
  }
  for (std::int64_t i = 0; i < output; ++i) {
    kernel += letter(free + bound + i);
    out += letter(free + bound + i);
    bias += letter(free + bound + i);
  }
  return {input + "," + kernel + "->" + out, bias,
          static_cast<std::int64_t>(out.size())};
}

// [None] * (rank - len(known)) + known.
Shape partial_shape(std::int64_t rank, const Shape& known) {
  Shape out(static_cast<std::size_t>(
                std::max<std::int64_t>(0, rank - std::int64_t(known.size()))),
            -1);
  out.insert(out.end(), known.begin(), known.end());
  return out;
}

Json optional_json(const std::optional<std::int64_t>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// An int or a list of ints (null: none).
std::optional<std::vector<std::int64_t>> int_or_list(
    const saving::ConfigReader& r, const std::string& key) {
  const Json& v = r.raw(key);
  if (v.is_null()) return std::nullopt;
  if (v.is_number_integer()) {
    return std::vector<std::int64_t>{integer_of<std::int64_t>(v)};
  }
  return r.required<std::vector<std::int64_t>>(key);
}

}  // namespace

MultiHeadAttentionLayer::MultiHeadAttentionLayer(
    std::int64_t num_heads, std::int64_t key_dim,
    MultiHeadAttentionOptions options)
    : Layer(options.base, "multi_head_attention"),
      num_heads_(num_heads),
      key_dim_(key_dim),
      value_dim_(options.value_dim.value_or(key_dim)),
      options_(std::move(options)),
      attention_axes_(options_.attention_axes) {
  check_positive_argument("num_heads", num_heads);
  check_positive_argument("key_dim", key_dim);
  if (options_.value_dim) {
    check_positive_argument("value_dim", *options_.value_dim,
                            "a positive integer or `None`");
  }
  if (options_.sliding_window && *options_.sliding_window <= 0) {
    throw ValueError(
        str("`sliding_window` must be `None` or a positive "
            "integer. Received: sliding_window=",
            *options_.sliding_window));
  }
  if (options_.output_shape && options_.output_shape->empty()) {
    options_.output_shape.reset();  // Keras: `if output_shape:`
  }
  set_supports_masking(true);
  projection_ = projection_settings(options_, dtype_policy());
}

void MultiHeadAttentionLayer::build(const std::vector<Shape>& shapes) {
  if (shapes.size() < 2) {
    throw ValueError(str("MultiHeadAttention '", name(),
                         "' needs query and value inputs. Received ",
                         shapes.size(), " input(s)."));
  }
  const Shape& query_shape = shapes[0];
  const Shape& value_shape = shapes[1];
  const Shape& key_shape = shapes.size() > 2 ? shapes[2] : value_shape;
  if (value_shape.size() < 2 || key_shape.size() < 2 ||
      query_shape.size() < 2 ||
      !std::equal(value_shape.begin() + 1, value_shape.end() - 1,
                  key_shape.begin() + 1, key_shape.end() - 1) ||
      value_shape.size() != key_shape.size()) {
    throw ValueError(
        str("All dimensions of `value` and `key`, except the "
            "last one, must be equal. Received: value_shape=",
            shape_str(value_shape), " and key_shape=", shape_str(key_shape)));
  }
  const auto rank = [](const Shape& s) {
    return static_cast<std::int64_t>(s.size());
  };
  const std::optional<std::string> no_bias = std::nullopt;
  const auto bias = [&](const Projection& p) {
    return options_.use_bias ? std::optional<std::string>(p.bias_axes)
                             : no_bias;
  };
  Projection p = projection_equation(rank(query_shape) - 1, 1, 2);
  query_dense_ = track(
      "query_dense",
      make_projection(projection_, "query", p.equation,
                      partial_shape(p.output_rank - 1, {num_heads_, key_dim_}),
                      bias(p), query_shape));
  p = projection_equation(rank(key_shape) - 1, 1, 2);
  key_dense_ = track(
      "key_dense",
      make_projection(projection_, "key", p.equation,
                      partial_shape(p.output_rank - 1, {num_heads_, key_dim_}),
                      bias(p), key_shape));
  if (options_.use_gate) {
    p = projection_equation(rank(query_shape) - 1, 1, 2);
    gate_dense_ = track("_gate_dense",
                        make_projection(projection_, "gate", p.equation,
                                        partial_shape(p.output_rank - 1,
                                                      {num_heads_, value_dim_}),
                                        bias(p), query_shape, "sigmoid"));
  }
  p = projection_equation(rank(value_shape) - 1, 1, 2);
  value_dense_ = track("value_dense",
                       make_projection(projection_, "value", p.equation,
                                       partial_shape(p.output_rank - 1,
                                                     {num_heads_, value_dim_}),
                                       bias(p), value_shape));
  build_attention(p.output_rank);
  const Shape output_dims = options_.output_shape ? *options_.output_shape
                                                  : Shape{query_shape.back()};
  p = projection_equation(rank(query_shape) - 1, 2,
                          static_cast<std::int64_t>(output_dims.size()));
  Shape output_input = query_dense_->full_output_shape();
  output_input.back() = value_dim_;
  output_dense_ =
      track("output_dense",
            make_projection(projection_, "attention_output", p.equation,
                            partial_shape(p.output_rank - 1, output_dims),
                            bias(p), output_input));
}

void MultiHeadAttentionLayer::build_attention(std::int64_t rank) {
  std::vector<std::int64_t> axes;
  if (!attention_axes_) {
    for (std::int64_t i = 1; i < rank - 2; ++i) axes.push_back(i);
  } else {
    for (std::int64_t a : *attention_axes_) {
      axes.push_back(a >= 0 ? a : (rank - 1) + a);
    }
  }
  for (std::int64_t a : axes) {
    if (a < 0 || a >= rank - 1) {
      throw ValueError(str("MultiHeadAttention '", name(),
                           "': invalid attention axis ", a,
                           " for projected inputs of rank ", rank, "."));
    }
  }
  attention_axes_ = axes;
  // Keras' _build_attention_equation.
  std::string target, source;
  for (std::int64_t i = 0; i < rank; ++i) target += letter(i);
  const auto is_attention = [&](std::int64_t i) {
    return std::find(axes.begin(), axes.end(), i) != axes.end();
  };
  std::vector<std::int64_t> batch_dims;
  for (std::int64_t i = 0; i < rank; ++i) {
    if (!is_attention(i) && i != rank - 1) batch_dims.push_back(i);
  }
  std::int64_t offset = rank;
  for (std::int64_t i = 0; i < rank; ++i) {
    if (!is_attention(i) || i == rank - 1) {
      source += target[static_cast<std::size_t>(i)];
    } else {
      source += letter(offset++);
    }
  }
  std::string product;
  for (std::int64_t i : batch_dims)
    product += target[static_cast<std::size_t>(i)];
  for (std::int64_t i : axes) product += target[static_cast<std::size_t>(i)];
  for (std::int64_t i : axes) product += source[static_cast<std::size_t>(i)];
  dot_product_equation_ = source + "," + target + "->" + product;
  combine_equation_ = product + "," + source + "->" + target;
  const auto scores_rank = static_cast<std::int64_t>(product.size());
  SoftmaxOptions softmax;
  softmax.axis.clear();
  for (std::int64_t i = scores_rank - std::int64_t(axes.size());
       i < scores_rank; ++i) {
    softmax.axis.push_back(i);
  }
  softmax.base.dtype = dtype_policy();
  softmax_ = track("_softmax",
                   std::make_shared<SoftmaxLayer>(std::move(softmax), true));
  dropout_layer_ = track(
      "_dropout_layer",
      std::make_shared<DropoutLayer>(
          options_.dropout, DropoutOptions{.seed = options_.seed,
                                           .base = {.dtype = dtype_policy()}}));
}

Tensors MultiHeadAttentionLayer::call(const Tensors& inputs,
                                      const CallContext& ctx) {
  check_query_and_value(inputs, class_name());
  const Tensor& query = inputs[0];
  const Tensor& value = inputs[1];
  const Tensor& key = inputs.size() > 2 ? inputs[2] : value;
  const Tensor attention_mask =
      call_attention_mask(inputs, ctx, options_.sliding_window);

  Tensor gate;
  if (gate_dense_) gate = (*gate_dense_)(query);
  Tensor q = (*query_dense_)(query);  // (B, T, N, H)
  const Tensor k = (*key_dense_)(key);
  const Tensor v = (*value_dense_)(value);
  q = ops::multiply(
      q, Tensor::scalar(1.0 / std::sqrt(double(key_dim_)), q.dtype()));
  Tensor scores = ops::einsum(dot_product_equation_, k, q);
  scores = masked_softmax(
      *softmax_, scores, attention_mask,
      -static_cast<std::int64_t>(attention_axes_->size()) * 2 - 1);
  const Tensor weights =
      attention_dropout(*dropout_layer_, scores, ctx.training);
  Tensor output = ops::einsum(combine_equation_, weights, v);
  if (gate.defined()) output = ops::multiply(output, gate);
  output = (*output_dense_)(output);
  if (ctx.flag("return_attention_scores")) return {output, scores};
  return {output};
}

Tensor MultiHeadAttentionLayer::operator()(const Tensor& query,
                                           const Tensor& value,
                                           const AttentionCallArgs& args) {
  return call_attention(query, value, args).at(0);
}

Tensors MultiHeadAttentionLayer::call_attention(const Tensor& query,
                                                const Tensor& value,
                                                const AttentionCallArgs& args) {
  return call_attention_layer(*this, query, value, args);
}

Json MultiHeadAttentionLayer::get_config() const {
  Json config = Layer::get_config();
  config["num_heads"] = num_heads_;
  config["key_dim"] = key_dim_;
  config["value_dim"] = value_dim_;
  config["dropout"] = options_.dropout;
  config["use_bias"] = options_.use_bias;
  config["use_gate"] = options_.use_gate;
  config["output_shape"] =
      options_.output_shape ? Json(*options_.output_shape) : Json(nullptr);
  config["attention_axes"] =
      attention_axes_ ? Json(*attention_axes_) : Json(nullptr);
  config["sliding_window"] = optional_json(options_.sliding_window);
  write_projection_config(config, projection_);
  config["seed"] = optional_json(options_.seed);
  return config;
}

std::shared_ptr<MultiHeadAttentionLayer> MultiHeadAttentionLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "MultiHeadAttention");
  MultiHeadAttentionOptions o;
  o.base = layer_options_from_config(r);
  const ProjectionSettings s = read_projection_config(r, o.base);
  o.value_dim = r.optional<std::int64_t>("value_dim");
  o.dropout = r.get("dropout", 0.0);
  o.use_bias = r.get("use_bias", true);
  const Json& output_shape = r.raw("output_shape");
  if (output_shape.is_number_integer()) {
    o.output_shape = Shape{integer_of<std::int64_t>(output_shape)};
  } else if (!output_shape.is_null()) {
    o.output_shape = shape_from_json(output_shape);  // may hold nulls
  }
  o.attention_axes = int_or_list(r, "attention_axes");
  o.sliding_window = r.optional<std::int64_t>("sliding_window");
  set_projection_options(o, s);
  o.use_gate = r.get("use_gate", false);
  o.seed = r.optional<std::int64_t>("seed");
  auto layer = std::make_shared<MultiHeadAttentionLayer>(
      r.required<std::int64_t>("num_heads"),
      r.required<std::int64_t>("key_dim"), std::move(o));
  // tf.keras 2 wrote the call's shapes into the config (and only the query's
  // into build_config) and built the layer from them in from_config.
  if (!r.raw("query_shape").is_null() && !r.raw("value_shape").is_null()) {
    Json shapes = {{"query_shape", r.raw("query_shape")},
                   {"value_shape", r.raw("value_shape")}};
    if (!r.raw("key_shape").is_null()) shapes["key_shape"] = r.raw("key_shape");
    layer->build_from_config({{"shapes_dict", shapes}});
  }
  return layer;
}

}  // namespace keras::layers
