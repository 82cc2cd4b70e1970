// File: keras/layers/merging/concatenate.h
// -----------------------------------------------------------------------------
// Concatenate (Python: keras/src/layers/merging/concatenate.py): joins a list
// of tensors along `axis`; all other dims must match (unknown dims match
// anything).
//
//   auto y = keras::layers::Concatenate({.axis = 1})(keras::Tensors{a, b});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/merging/merge.h"

namespace keras::layers {

struct ConcatenateOptions {
  std::int64_t axis = -1;
  LayerOptions base = {};
};

class ConcatenateLayer : public MergeLayer {
 public:
  explicit ConcatenateLayer(ConcatenateOptions options = {});

  std::string class_name() const override { return "Concatenate"; }
  void build(const std::vector<Shape>& input_shapes) override;
  // Keras' Concatenate.compute_mask: each input's mask broadcast to the
  // input (all true where it has none), concatenated along `axis`, then any
  // over the last axis.
  Tensors compute_mask(const Tensors& inputs,
                       const Tensors& masks) const override;
  Json get_config() const override;
  static std::shared_ptr<ConcatenateLayer> from_config(const Json& config);

  std::int64_t axis() const { return axis_; }

 protected:
  Tensor merge(const Tensors& inputs) const override;

 private:
  std::int64_t axis_;
};

class Concatenate : public Ref<ConcatenateLayer> {
 public:
  explicit Concatenate(ConcatenateOptions options = {})
      : Ref(std::make_shared<ConcatenateLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
