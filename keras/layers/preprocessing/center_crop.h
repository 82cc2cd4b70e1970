// File: keras/layers/preprocessing/center_crop.h
// -----------------------------------------------------------------------------
// CenterCrop (Python: keras/src/layers/preprocessing/image_preprocessing/
// center_crop.py): the central height x width window of each image; an
// image smaller than that is cropped to the target aspect ratio and resized
// (bilinear) instead, as Keras' smart_resize does.
//
//   auto y = keras::layers::CenterCrop(224, 224)(images);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct CenterCropOptions {
  std::string data_format = "";  // "" = channels_last
  LayerOptions base = {};
};

class CenterCropLayer : public Layer {
 public:
  CenterCropLayer(std::int64_t height, std::int64_t width,
                  CenterCropOptions options = {});

  std::string class_name() const override { return "CenterCrop"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<CenterCropLayer> from_config(const Json& config);

 private:
  std::int64_t height_, width_;
  std::string data_format_;
};

class CenterCrop : public Ref<CenterCropLayer> {
 public:
  CenterCrop(std::int64_t height, std::int64_t width,
             CenterCropOptions options = {})
      : Ref(std::make_shared<CenterCropLayer>(height, width,
                                              std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
