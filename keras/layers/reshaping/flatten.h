// File: keras/layers/reshaping/flatten.h
// -----------------------------------------------------------------------------
// Flatten (Python: keras/src/layers/reshaping/flatten.py): (batch, d1, d2,
// ...) -> (batch, d1 * d2 * ...). With data_format "channels_first" the
// channel axis is moved last first, so the element order matches a
// channels_last model's.
//
//   auto v = keras::layers::Flatten()(images);   // (B, 3, 4, 2) -> (B, 24)
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct FlattenOptions {
  std::string data_format = "";  // "" = channels_last
  LayerOptions base = {};
};

class FlattenLayer : public Layer {
 public:
  explicit FlattenLayer(FlattenOptions options = {});

  std::string class_name() const override { return "Flatten"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<FlattenLayer> from_config(const Json& config);

  const std::string& data_format() const { return data_format_; }

 private:
  std::string data_format_;
};

class Flatten : public Ref<FlattenLayer> {
 public:
  explicit Flatten(FlattenOptions options = {})
      : Ref(std::make_shared<FlattenLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
