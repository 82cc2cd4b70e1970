// Registers the built-in layers of keras/layers/preprocessing/.
#include "keras/layers/preprocessing/category_encoding.h"
#include "keras/layers/preprocessing/center_crop.h"
#include "keras/layers/preprocessing/discretization.h"
#include "keras/layers/preprocessing/integer_lookup.h"
#include "keras/layers/preprocessing/normalization.h"
#include "keras/layers/preprocessing/random_augmentation.h"
#include "keras/layers/preprocessing/rescaling.h"
#include "keras/layers/preprocessing/resizing.h"
#include "keras/layers/preprocessing/string_lookup.h"
#include "keras/layers/preprocessing/text_vectorization.h"
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_preprocessing_layers() {
  register_layer<CategoryEncodingLayer>("CategoryEncoding");
  register_layer<CenterCropLayer>("CenterCrop");
  register_layer<DiscretizationLayer>("Discretization");
  register_layer<IntegerLookupLayer>("IntegerLookup");
  register_layer<NormalizationLayer>("Normalization");
  register_layer<RescalingLayer>("Rescaling");
  register_layer<ResizingLayer>("Resizing");
  register_layer<StringLookupLayer>("StringLookup");
  register_layer<TextVectorizationLayer>("TextVectorization");
  for (const std::string& name : random_augmentation_class_names()) {
    saving::register_builtin<Layer>(
        name, [name](const Json& config) -> LayerPtr {
          return RandomAugmentationLayer::from_config(name, config);
        });
  }
}

}  // namespace keras::layers
