// File: keras/layers/merging/dot.h
// -----------------------------------------------------------------------------
// Dot (Python: keras/src/layers/merging/dot.py): batched dot product of two
// tensors along one axis of each (Keras' batch_dot): for x (B, 3, 4) and y
// (B, 5, 4) with axes (2, 2) the result is (B, 3, 5). With normalize=true
// both inputs are L2-normalized along their axes first (cosine proximity).
// `axes` is one axis for both inputs, or one per input; negative axes count
// from the end; axis 0 (the batch) cannot be contracted.
//
//   auto cos = keras::layers::Dot(1, {.normalize = true})(keras::Tensors{a,
//   b}); auto scores = keras::layers::Dot({2, 2})(keras::Tensors{q, k});
// -----------------------------------------------------------------------------
#pragma once

#include <array>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/merging/merge.h"

namespace keras::layers {

struct DotOptions {
  bool normalize = false;
  LayerOptions base = {};
};

class DotLayer : public MergeLayer {
 public:
  DotLayer(std::int64_t axes, DotOptions options = {});
  DotLayer(std::array<std::int64_t, 2> axes, DotOptions options = {});

  std::string class_name() const override { return "Dot"; }
  void build(const std::vector<Shape>& input_shapes) override;
  // Keras' Dot drops masks.
  Tensors compute_mask(const Tensors&, const Tensors&) const override {
    return {};
  }
  Json get_config() const override;
  static std::shared_ptr<DotLayer> from_config(const Json& config);

  // One entry (the same axis for both inputs) or two.
  const std::vector<std::int64_t>& axes() const { return axes_; }
  bool normalize() const { return options_.normalize; }

 protected:
  Tensor merge(const Tensors& inputs) const override;

 private:
  // The contraction axis of each input, resolved as Keras does.
  std::array<std::int64_t, 2> resolve_axes(std::size_t rank1,
                                           std::size_t rank2) const;

  std::vector<std::int64_t> axes_;
  DotOptions options_;
};

class Dot : public Ref<DotLayer> {
 public:
  explicit Dot(std::int64_t axes, DotOptions options = {})
      : Ref(std::make_shared<DotLayer>(axes, std::move(options))) {}
  explicit Dot(std::array<std::int64_t, 2> axes, DotOptions options = {})
      : Ref(std::make_shared<DotLayer>(axes, std::move(options))) {}
  using Ref::Ref;
};

// Keras' batch_dot: contracts x's axis a0 with y's axis a1 (both != 0),
// batch by batch. Result shape: x's dims without a0, then y's dims without
// the batch and a1; (B, 1) when that would leave only the batch.
Tensor batch_dot(const Tensor& x, const Tensor& y, std::int64_t a0,
                 std::int64_t a1);

}  // namespace keras::layers
