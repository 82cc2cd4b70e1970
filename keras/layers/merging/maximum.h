// File: keras/layers/merging/maximum.h
// -----------------------------------------------------------------------------
// Maximum (Python: keras/src/layers/merging/maximum.py): a merge layer.
// Elementwise maximum of its inputs. Inputs broadcast by the merge rules of
// merge.h.
//
//   auto y = keras::layers::Maximum()(keras::Tensors{a, b});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/merging/merge.h"

namespace keras::layers {

class MaximumLayer : public MergeLayer {
 public:
  explicit MaximumLayer(LayerOptions base = {})
      : MergeLayer(std::move(base), "maximum") {}

  std::string class_name() const override { return "Maximum"; }
  static std::shared_ptr<MaximumLayer> from_config(const Json& config) {
    return std::make_shared<MaximumLayer>(
        merge_options_from_config(config, "Maximum"));
  }

 protected:
  Tensor merge(const Tensors& inputs) const override;
};

class Maximum : public Ref<MaximumLayer> {
 public:
  explicit Maximum(LayerOptions base = {})
      : Ref(std::make_shared<MaximumLayer>(std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
