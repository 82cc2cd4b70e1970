// File: keras/layers/merging/multiply.h
// -----------------------------------------------------------------------------
// Multiply (Python: keras/src/layers/merging/multiply.py): a merge layer.
// Multiplies its inputs elementwise. Inputs broadcast by the merge rules of
// merge.h.
//
//   auto y = keras::layers::Multiply()(keras::Tensors{a, b});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/merging/merge.h"

namespace keras::layers {

class MultiplyLayer : public MergeLayer {
 public:
  explicit MultiplyLayer(LayerOptions base = {})
      : MergeLayer(std::move(base), "multiply") {}

  std::string class_name() const override { return "Multiply"; }
  static std::shared_ptr<MultiplyLayer> from_config(const Json& config) {
    return std::make_shared<MultiplyLayer>(
        merge_options_from_config(config, "Multiply"));
  }

 protected:
  Tensor merge(const Tensors& inputs) const override;
};

class Multiply : public Ref<MultiplyLayer> {
 public:
  explicit Multiply(LayerOptions base = {})
      : Ref(std::make_shared<MultiplyLayer>(std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
