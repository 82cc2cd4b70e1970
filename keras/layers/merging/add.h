// File: keras/layers/merging/add.h
// -----------------------------------------------------------------------------
// Add (Python: keras/src/layers/merging/add.py): a merge layer.
// Sums its inputs: Add()({a, b, c}) = a + b + c. Inputs broadcast by the merge
// rules of merge.h.
//
//   auto y = keras::layers::Add()(keras::Tensors{a, b});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/merging/merge.h"

namespace keras::layers {

class AddLayer : public MergeLayer {
 public:
  explicit AddLayer(LayerOptions base = {})
      : MergeLayer(std::move(base), "add") {}

  std::string class_name() const override { return "Add"; }
  static std::shared_ptr<AddLayer> from_config(const Json& config) {
    return std::make_shared<AddLayer>(merge_options_from_config(config, "Add"));
  }

 protected:
  Tensor merge(const Tensors& inputs) const override;
};

class Add : public Ref<AddLayer> {
 public:
  explicit Add(LayerOptions base = {})
      : Ref(std::make_shared<AddLayer>(std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
