// File: keras/layers/merging/minimum.h
// -----------------------------------------------------------------------------
// Minimum (Python: keras/src/layers/merging/minimum.py): a merge layer.
// Elementwise minimum of its inputs. Inputs broadcast by the merge rules of
// merge.h.
//
//   auto y = keras::layers::Minimum()(keras::Tensors{a, b});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/merging/merge.h"

namespace keras::layers {

class MinimumLayer : public MergeLayer {
 public:
  explicit MinimumLayer(LayerOptions base = {})
      : MergeLayer(std::move(base), "minimum") {}

  std::string class_name() const override { return "Minimum"; }
  static std::shared_ptr<MinimumLayer> from_config(const Json& config) {
    return std::make_shared<MinimumLayer>(
        merge_options_from_config(config, "Minimum"));
  }

 protected:
  Tensor merge(const Tensors& inputs) const override;
};

class Minimum : public Ref<MinimumLayer> {
 public:
  explicit Minimum(LayerOptions base = {})
      : Ref(std::make_shared<MinimumLayer>(std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
