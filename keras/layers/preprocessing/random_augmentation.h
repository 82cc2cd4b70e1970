// File: keras/layers/preprocessing/random_augmentation.h
// -----------------------------------------------------------------------------
// The random image augmentation layers of Keras (RandomFlip, RandomRotation,
// RandomZoom, RandomContrast, ... in keras/src/layers/preprocessing/
// image_preprocessing/) as they appear in saved models: identity at
// inference, which is all predict() needs. One class serves them all; it
// keeps the layer's own config keys exactly as Keras wrote them, so a loaded
// model re-saves unchanged.
//
// Augmenting during training is not implemented: with training=true the
// layer passes its inputs through and warns once.
//
//   auto flip = keras::layers::RandomAugmentation("RandomFlip",
//       {{"mode", "horizontal"}, {"seed", nullptr}, {"data_format",
//       "channels_last"}});
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

// Keras' class names of the augmentation layers handled here.
const std::vector<std::string>& random_augmentation_class_names();

class RandomAugmentationLayer : public Layer {
 public:
  // `arguments` are the layer's own config keys (not name/trainable/dtype).
  RandomAugmentationLayer(std::string class_name, Json arguments,
                          LayerOptions base = {});

  std::string class_name() const override { return class_name_; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<RandomAugmentationLayer> from_config(
      const std::string& class_name, const Json& config);

 private:
  std::string class_name_;
  Json arguments_;
  bool warned_ = false;
};

class RandomAugmentation : public Ref<RandomAugmentationLayer> {
 public:
  RandomAugmentation(std::string class_name, Json arguments,
                     LayerOptions base = {})
      : Ref(std::make_shared<RandomAugmentationLayer>(
            std::move(class_name), std::move(arguments), std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
