// File: keras/layers/core/identity.h
// -----------------------------------------------------------------------------
// Identity (Python: keras/src/layers/core/identity.py): returns its inputs
// unchanged (every one of them). A placeholder layer; no weights, no
// build_config.
//
//   auto y = keras::layers::Identity()(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

class IdentityLayer : public Layer {
 public:
  explicit IdentityLayer(LayerOptions base = {});

  std::string class_name() const override { return "Identity"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  static std::shared_ptr<IdentityLayer> from_config(const Json& config);
};

class Identity : public Ref<IdentityLayer> {
 public:
  explicit Identity(LayerOptions base = {})
      : Ref(std::make_shared<IdentityLayer>(std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
