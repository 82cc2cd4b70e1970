// File: keras/layers/reshaping/reshape.h
// -----------------------------------------------------------------------------
// Reshape (Python: keras/src/layers/reshaping/reshape.py): reshapes the
// non-batch dimensions to `target_shape`; one entry may be -1 (inferred).
//
//   auto y = keras::layers::Reshape({4, -1})(x);   // (B, 3, 4, 2) -> (B, 4, 6)
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

class ReshapeLayer : public Layer {
 public:
  explicit ReshapeLayer(Shape target_shape, LayerOptions base = {});

  std::string class_name() const override { return "Reshape"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<ReshapeLayer> from_config(const Json& config);

  const Shape& target_shape() const { return target_shape_; }

 private:
  Shape target_shape_;
};

class Reshape : public Ref<ReshapeLayer> {
 public:
  explicit Reshape(Shape target_shape, LayerOptions base = {})
      : Ref(std::make_shared<ReshapeLayer>(std::move(target_shape),
                                           std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
