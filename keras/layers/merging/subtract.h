// File: keras/layers/merging/subtract.h
// -----------------------------------------------------------------------------
// Subtract (Python: keras/src/layers/merging/subtract.py): a merge layer of
// exactly two inputs computing a - b (broadcasting by the rules of merge.h).
//
//   auto d = keras::layers::Subtract()(keras::Tensors{a, b});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/merging/merge.h"

namespace keras::layers {

class SubtractLayer : public MergeLayer {
 public:
  explicit SubtractLayer(LayerOptions base = {})
      : MergeLayer(std::move(base), "subtract") {}

  std::string class_name() const override { return "Subtract"; }
  void build(const std::vector<Shape>& input_shapes) override;
  static std::shared_ptr<SubtractLayer> from_config(const Json& config) {
    return std::make_shared<SubtractLayer>(
        merge_options_from_config(config, "Subtract"));
  }

 protected:
  Tensor merge(const Tensors& inputs) const override;
};

class Subtract : public Ref<SubtractLayer> {
 public:
  explicit Subtract(LayerOptions base = {})
      : Ref(std::make_shared<SubtractLayer>(std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
