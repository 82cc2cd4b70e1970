// File: keras/layers/merging/average.h
// -----------------------------------------------------------------------------
// Average (Python: keras/src/layers/merging/average.py): a merge layer.
// Averages its inputs: (a + b + ...) / n. Inputs broadcast by the merge rules
// of merge.h.
//
//   auto y = keras::layers::Average()(keras::Tensors{a, b});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/merging/merge.h"

namespace keras::layers {

class AverageLayer : public MergeLayer {
 public:
  explicit AverageLayer(LayerOptions base = {})
      : MergeLayer(std::move(base), "average") {}

  std::string class_name() const override { return "Average"; }
  static std::shared_ptr<AverageLayer> from_config(const Json& config) {
    return std::make_shared<AverageLayer>(
        merge_options_from_config(config, "Average"));
  }

 protected:
  Tensor merge(const Tensors& inputs) const override;
};

class Average : public Ref<AverageLayer> {
 public:
  explicit Average(LayerOptions base = {})
      : Ref(std::make_shared<AverageLayer>(std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
