// File: keras/layers/core/masking.h
// -----------------------------------------------------------------------------
// Masking (Python: keras/src/layers/core/masking.py): marks the timesteps of
// [batch, time, features] inputs whose features all equal `mask_value` as
// masked. Outputs are the inputs with masked steps zeroed; the mask
// ([batch, time], true = keep) rides on the output to the next layers (RNNs
// then skip those steps).
//
//   auto h = keras::layers::Masking(0.0)(x);  auto y =
//   keras::layers::LSTM(8)(h);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct MaskingOptions {
  LayerOptions base = {};
};

class MaskingLayer : public Layer {
 public:
  explicit MaskingLayer(double mask_value = 0.0, MaskingOptions options = {});

  std::string class_name() const override { return "Masking"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Tensors compute_mask(const Tensors& inputs,
                       const Tensors& masks) const override;
  Json get_config() const override;
  static std::shared_ptr<MaskingLayer> from_config(const Json& config);

  double mask_value() const { return mask_value_; }

 private:
  double mask_value_;
};

class Masking : public Ref<MaskingLayer> {
 public:
  explicit Masking(double mask_value = 0.0, MaskingOptions options = {})
      : Ref(std::make_shared<MaskingLayer>(mask_value, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
