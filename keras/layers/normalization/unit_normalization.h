// File: keras/layers/normalization/unit_normalization.h
// -----------------------------------------------------------------------------
// UnitNormalization (Python: keras/src/layers/normalization/
// unit_normalization.py): scales each example to unit L2 norm over `axis`
// (an int or a list): y = x / max(||x||, 1e-12). No weights.
//
//   auto y = keras::layers::UnitNormalization({.axis = {1, 2}})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"
#include "keras/layers/normalization/weight_config.h"

namespace keras::layers {

struct UnitNormalizationOptions {
  Axis axis = -1;
  LayerOptions base = {};
};

class UnitNormalizationLayer : public Layer {
 public:
  explicit UnitNormalizationLayer(UnitNormalizationOptions options = {});

  std::string class_name() const override { return "UnitNormalization"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<UnitNormalizationLayer> from_config(
      const Json& config);

 private:
  UnitNormalizationOptions options_;
};

class UnitNormalization : public Ref<UnitNormalizationLayer> {
 public:
  explicit UnitNormalization(UnitNormalizationOptions options = {})
      : Ref(std::make_shared<UnitNormalizationLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
