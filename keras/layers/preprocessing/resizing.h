// File: keras/layers/preprocessing/resizing.h
// -----------------------------------------------------------------------------
// Resizing (Python: keras/src/layers/preprocessing/image_preprocessing/
// resizing.py): resizes image batches to height x width with
// keras::ops::resize (Keras' torch-backend numbers), optionally cropping or
// padding to the target aspect ratio first.
//
//   auto y = keras::layers::Resizing(224, 224, {.interpolation =
//   "nearest"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct ResizingOptions {
  std::string interpolation = "bilinear";
  bool crop_to_aspect_ratio = false;
  bool pad_to_aspect_ratio = false;
  std::string fill_mode = "constant";  // the only mode Keras supports here
  double fill_value = 0.0;
  bool antialias = false;
  std::string data_format = "";  // "" = channels_last
  LayerOptions base = {};
};

class ResizingLayer : public Layer {
 public:
  ResizingLayer(std::int64_t height, std::int64_t width,
                ResizingOptions options = {});

  std::string class_name() const override { return "Resizing"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<ResizingLayer> from_config(const Json& config);

 private:
  std::int64_t height_, width_;
  ResizingOptions o_;
};

class Resizing : public Ref<ResizingLayer> {
 public:
  Resizing(std::int64_t height, std::int64_t width,
           ResizingOptions options = {})
      : Ref(std::make_shared<ResizingLayer>(height, width,
                                            std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
