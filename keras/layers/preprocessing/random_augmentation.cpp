#include "keras/layers/preprocessing/random_augmentation.h"

#include <iostream>

#include "keras/saving/config_reader.h"
#include "keras/utils/naming.h"

namespace keras::layers {

const std::vector<std::string>& random_augmentation_class_names() {
  static const std::vector<std::string> names = {
      "RandomFlip",
      "RandomRotation",
      "RandomZoom",
      "RandomTranslation",
      "RandomContrast",
      "RandomBrightness",
      "RandomShear",
      "RandomHue",
      "RandomSaturation",
      "RandomSharpness",
      "RandomGrayscale",
      "RandomColorJitter",
      "RandomColorDegeneration",
      "RandomPosterization",
      "RandomInvert",
      "RandomPerspective",
      "RandomErasing",
      "RandomGaussianBlur",
      "RandomElasticTransform",
      "AugMix",
      "RandAugment",
      "MixUp",
      "CutMix",
      "Solarization",
  };
  return names;
}

RandomAugmentationLayer::RandomAugmentationLayer(std::string class_name,
                                                 Json arguments,
                                                 LayerOptions base)
    : Layer(std::move(base), utils::to_snake_case(class_name)),
      class_name_(std::move(class_name)),
      arguments_(arguments.is_object() ? std::move(arguments)
                                       : Json::object()) {
  build_at_init();
  set_supports_masking(true);
}

Tensors RandomAugmentationLayer::call(const Tensors& inputs,
                                      const CallContext& ctx) {
  if (ctx.training && !warned_) {
    warned_ = true;
    std::cerr << "WARNING: " << class_name_ << " (layer '" << name()
              << "'): random augmentation is not implemented in keras.cpp; "
                 "the layer passes its inputs through unchanged in training."
              << std::endl;
  }
  return inputs;
}

Json RandomAugmentationLayer::get_config() const {
  Json config = Layer::get_config();
  for (const auto& [key, value] : arguments_.items()) config[key] = value;
  return config;
}

std::shared_ptr<RandomAugmentationLayer> RandomAugmentationLayer::from_config(
    const std::string& class_name, const Json& config) {
  saving::ConfigReader r(config, class_name);
  Json arguments = Json::object();
  for (const auto& [key, value] : config.items()) {
    if (key != "name" && key != "trainable" && key != "dtype") {
      arguments[key] = value;
    }
  }
  return std::make_shared<RandomAugmentationLayer>(
      class_name, std::move(arguments), layer_options_from_config(r));
}

}  // namespace keras::layers
