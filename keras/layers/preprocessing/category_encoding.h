// File: keras/layers/preprocessing/category_encoding.h
// -----------------------------------------------------------------------------
// CategoryEncoding (Python: keras/src/layers/preprocessing/
// category_encoding.py): integer ids in [0, num_tokens) to "one_hot",
// "multi_hot" (default) or "count" vectors in the layer's dtype.
//
//   auto y = keras::layers::CategoryEncoding(5, {.output_mode = "count"})(ids);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct CategoryEncodingOptions {
  std::string output_mode = "multi_hot";
  LayerOptions base = {};
};

class CategoryEncodingLayer : public Layer {
 public:
  explicit CategoryEncodingLayer(std::int64_t num_tokens,
                                 CategoryEncodingOptions options = {});

  std::string class_name() const override { return "CategoryEncoding"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<CategoryEncodingLayer> from_config(const Json& config);

 private:
  std::int64_t num_tokens_;
  std::string output_mode_;
};

class CategoryEncoding : public Ref<CategoryEncodingLayer> {
 public:
  explicit CategoryEncoding(std::int64_t num_tokens,
                            CategoryEncodingOptions options = {})
      : Ref(std::make_shared<CategoryEncodingLayer>(num_tokens,
                                                    std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
