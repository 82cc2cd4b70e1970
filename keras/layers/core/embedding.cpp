#include "keras/layers/core/embedding.h"

#include "keras/layers/normalization/weight_config.h"
#include "keras/ops/op_node.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

namespace {

LayerOptions embedding_options(LayerOptions base,
                               regularizers::RegularizerPtr activity) {
  if (activity) base.activity_regularizer = std::move(activity);
  return base;
}

void check_dim(std::int64_t value, const char* name) {
  if (value <= 0) {
    throw ValueError(str("`", name, "` must be a positive integer. Received: ",
                         name, "=", value, " (of type int)."));
  }
}

}  // namespace

EmbeddingLayer::EmbeddingLayer(std::int64_t input_dim, std::int64_t output_dim,
                               EmbeddingOptions options)
    : Layer(embedding_options(options.base, options.activity_regularizer),
            "embedding"),
      input_dim_(input_dim),
      output_dim_(output_dim),
      options_(std::move(options)) {
  check_dim(input_dim_, "input_dim");
  check_dim(output_dim_, "output_dim");
  set_supports_masking(options_.mask_zero);
}

Tensors EmbeddingLayer::compute_mask(const Tensors& inputs,
                                     const Tensors&) const {
  if (!options_.mask_zero) return {};
  // Keras: ops.not_equal(inputs, 0), a NotEqual node on symbolic inputs.
  return {ops::traced_op("NotEqual", Json::object(),
                         Json::array({ops::op_tensor(0), 0}), {inputs.at(0)})};
}

void EmbeddingLayer::build(const std::vector<Shape>&) {
  embeddings_ = add_weight({.name = "embeddings",
                            .shape = {input_dim_, output_dim_},
                            .initializer = options_.embeddings_initializer,
                            .regularizer = options_.embeddings_regularizer,
                            .constraint = options_.embeddings_constraint});
}

Tensors EmbeddingLayer::call(const Tensors& inputs, const CallContext&) {
  Tensor ids = inputs.at(0);
  if (ids.dtype() != DType::int32 && ids.dtype() != DType::int64) {
    ids = ops::cast(ids, DType::int32);
  }
  if (!ids.is_symbolic()) {
    // Keras' backends fail on out-of-range ids too; say which one.
    for (double v : ids.to_double_vector()) {
      if (v < 0 || v >= double(input_dim_)) {
        throw ValueError(str("Embedding '", name(), "': index ", v,
                             " is out of range for input_dim=", input_dim_,
                             "."));
      }
    }
  }
  const Tensor y = ops::take(embeddings_->value(), ids, 0);
  return {ops::cast(y, compute_dtype())};
}

Json EmbeddingLayer::get_config() const {
  Json config = Layer::get_config();
  config["input_dim"] = input_dim_;
  config["output_dim"] = output_dim_;
  config["embeddings_initializer"] =
      write_initializer(options_.embeddings_initializer);
  config["embeddings_regularizer"] =
      write_regularizer(options_.embeddings_regularizer);
  config["activity_regularizer"] =
      write_regularizer(options_.activity_regularizer);
  config["embeddings_constraint"] =
      write_constraint(options_.embeddings_constraint);
  config["mask_zero"] = options_.mask_zero;
  config["quantization_config"] = nullptr;
  return config;
}

std::shared_ptr<EmbeddingLayer> EmbeddingLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Embedding");
  EmbeddingOptions o;
  o.base = layer_options_from_config(r);
  o.embeddings_initializer = read_initializer(
      r, "embeddings_initializer",
      initializers::Initializer(initializers::RandomUniform()));
  o.embeddings_regularizer = read_regularizer(r, "embeddings_regularizer");
  o.embeddings_constraint = read_constraint(r, "embeddings_constraint");
  o.activity_regularizer = o.base.activity_regularizer;
  o.mask_zero = r.get("mask_zero", false);
  if (!r.raw("quantization_config").is_null() || r.has("lora_rank")) {
    throw NotImplementedError(str("Embedding '", o.base.name,
                                  "': quantized and LoRA embeddings are not "
                                  "supported yet."));
  }
  return std::make_shared<EmbeddingLayer>(
      r.required<std::int64_t>("input_dim"),
      r.required<std::int64_t>("output_dim"), std::move(o));
}

}  // namespace keras::layers
