// File: keras/layers/reshaping/permute.h
// -----------------------------------------------------------------------------
// Permute (Python: keras/src/layers/reshaping/permute.py): permutes the
// non-batch axes; `dims` is 1-based (the batch axis stays first).
//
//   auto y = keras::layers::Permute({2, 1})(x);   // (B, 3, 4) -> (B, 4, 3)
// -----------------------------------------------------------------------------
#pragma once

#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

class PermuteLayer : public Layer {
 public:
  explicit PermuteLayer(std::vector<std::int64_t> dims, LayerOptions base = {});

  std::string class_name() const override { return "Permute"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<PermuteLayer> from_config(const Json& config);

  const std::vector<std::int64_t>& dims() const { return dims_; }

 private:
  std::vector<std::int64_t> dims_;
};

class Permute : public Ref<PermuteLayer> {
 public:
  explicit Permute(std::vector<std::int64_t> dims, LayerOptions base = {})
      : Ref(std::make_shared<PermuteLayer>(std::move(dims), std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
