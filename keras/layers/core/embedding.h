// File: keras/layers/core/embedding.h
// -----------------------------------------------------------------------------
// Embedding (Python: keras/src/layers/core/embedding.py): maps integer ids in
// [0, input_dim) to rows of the (input_dim, output_dim) `embeddings` matrix
// (vars/0); the output has the input's shape plus output_dim. Float inputs
// are truncated to int32 as in Keras. With `mask_zero`, id 0 is padding:
// the output carries the mask ids != 0 to the next layers.
//
//   auto vectors = keras::layers::Embedding(10000, 64)(token_ids);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct EmbeddingOptions {
  // Keras' "uniform": RandomUniform(-0.05, 0.05).
  initializers::Initializer embeddings_initializer =
      initializers::RandomUniform();
  regularizers::RegularizerPtr embeddings_regularizer = nullptr;
  constraints::ConstraintPtr embeddings_constraint = nullptr;
  bool mask_zero = false;
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  LayerOptions base = {};
};

class EmbeddingLayer : public Layer {
 public:
  EmbeddingLayer(std::int64_t input_dim, std::int64_t output_dim,
                 EmbeddingOptions options = {});

  std::string class_name() const override { return "Embedding"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  // With mask_zero: ids != 0 (Keras' compute_mask).
  Tensors compute_mask(const Tensors& inputs,
                       const Tensors& masks) const override;
  static std::shared_ptr<EmbeddingLayer> from_config(const Json& config);

  std::int64_t input_dim() const { return input_dim_; }
  std::int64_t output_dim() const { return output_dim_; }
  const VariablePtr& embeddings() const { return embeddings_; }

 private:
  std::int64_t input_dim_, output_dim_;
  EmbeddingOptions options_;
  VariablePtr embeddings_;
};

class Embedding : public Ref<EmbeddingLayer> {
 public:
  Embedding(std::int64_t input_dim, std::int64_t output_dim,
            EmbeddingOptions options = {})
      : Ref(std::make_shared<EmbeddingLayer>(input_dim, output_dim,
                                             std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
