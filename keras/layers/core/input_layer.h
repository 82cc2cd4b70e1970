// File: keras/layers/core/input_layer.h
// -----------------------------------------------------------------------------
// InputLayer and keras::Input (Python: keras/src/layers/core/input_layer.py).
// keras::Input({32}) returns the symbolic tensor a Functional model starts
// from: shape (None, 32), produced by an InputLayer.
// -----------------------------------------------------------------------------
#pragma once

#include "keras/layers/layer.h"

namespace keras {

namespace layers {

struct InputOptions {
  // Shape without the batch dimension (Python: shape=); or the full shape
  // including batch (batch_shape=) when set.
  std::optional<Shape> batch_shape = std::nullopt;
  std::optional<std::int64_t> batch_size = std::nullopt;
  DType dtype = DType::float32;
  bool sparse = false;
  bool ragged = false;
  bool optional = false;
  std::string name = "";
};

class InputLayer : public Layer {
 public:
  // `shape` excludes the batch dimension unless options.batch_shape is set.
  explicit InputLayer(const Shape& shape, InputOptions options = {});

  std::string class_name() const override { return "InputLayer"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<InputLayer> from_config(const Json& config);

  const Shape& batch_shape() const { return batch_shape_; }
  DType input_dtype() const { return dtype_; }
  // The symbolic tensor this layer produces (created on first use).
  Tensor make_output();
  Tensor output() const { return node_output(0, 0); }

 private:
  Shape batch_shape_;
  DType dtype_;
  bool sparse_, ragged_, optional_;
};

}  // namespace layers

// keras.Input: a symbolic tensor of shape (None, *shape).
Tensor Input(const Shape& shape, layers::InputOptions options = {});

}  // namespace keras
