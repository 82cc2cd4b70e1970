// File: keras/layers/merging/merge.h
// -----------------------------------------------------------------------------
// The base of the merge layers (Python: keras/src/layers/merging/
// base_merge.py, class Merge): layers called on a list of tensors that
// combine them elementwise (Add, Subtract, Multiply, Average, Maximum,
// Minimum). Keras' broadcasting rules:
//   * all inputs must have the same batch size;
//   * the other dims broadcast as NumPy's, aligned from the right
//     ((None, 3, 4) with (None, 1, 4) gives (None, 3, 4));
//   * inputs of lower rank get size-1 dims inserted after the batch axis
//     first ((None, 4) with (None, 3, 4): the first becomes (None, 1, 4)).
// build_config is the list of input shapes.
//
//   auto y = keras::layers::Add()(keras::Tensors{a, b});
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <vector>

#include "keras/layers/layer.h"

namespace keras::layers {

class MergeLayer : public Layer {
 public:
  MergeLayer(LayerOptions base, const std::string& base_name);

  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  // Keras' Merge.compute_mask: the logical OR of the inputs' masks (none
  // when an input has none), LogicalOr nodes on symbolic inputs.
  Tensors compute_mask(const Tensors& inputs,
                       const Tensors& masks) const override;

 protected:
  // Combines inputs of equal rank (broadcasting).
  virtual Tensor merge(const Tensors& inputs) const = 0;

 private:
  bool reshape_required_ = false;
};

// inputs[0] op inputs[1] op ... (left to right, as Keras' merge loops).
Tensor fold_inputs(const Tensors& inputs,
                   Tensor (*op)(const Tensor&, const Tensor&));

// Base-layer options of a merge layer's config (merge layers have no other
// arguments).
LayerOptions merge_options_from_config(const Json& config,
                                       const std::string& class_name);

// "[(None, 4), (None, 3, 4)]", as Python prints a list of shape tuples.
std::string shapes_str(const std::vector<Shape>& shapes);
std::string shapes_str(const Tensors& tensors);

}  // namespace keras::layers
