// File: keras/layers/preprocessing/rescaling.h
// -----------------------------------------------------------------------------
// Rescaling (Python: keras/src/layers/preprocessing/rescaling.py): returns
// inputs * scale + offset in the compute dtype. `scale` and `offset` are
// numbers or per-channel arrays (kept as Keras wrote them: a number, a list
// or an array record).
//
//   auto y = keras::layers::Rescaling(1.0 / 127.5, {.offset = -1.0})(images);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct RescalingOptions {
  Json offset = 0.0;
  LayerOptions base = {};
};

class RescalingLayer : public Layer {
 public:
  explicit RescalingLayer(Json scale, RescalingOptions options = {});

  std::string class_name() const override { return "Rescaling"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<RescalingLayer> from_config(const Json& config);

 private:
  Json scale_;
  Json offset_;
};

class Rescaling : public Ref<RescalingLayer> {
 public:
  explicit Rescaling(Json scale, RescalingOptions options = {})
      : Ref(std::make_shared<RescalingLayer>(std::move(scale),
                                             std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
