// Registers the built-in layers of keras/layers/pooling/ (with Keras'
// short aliases such as MaxPool2D).
#include "keras/layers/pooling/adaptive_average_pooling1d.h"
#include "keras/layers/pooling/adaptive_average_pooling2d.h"
#include "keras/layers/pooling/adaptive_average_pooling3d.h"
#include "keras/layers/pooling/adaptive_max_pooling1d.h"
#include "keras/layers/pooling/adaptive_max_pooling2d.h"
#include "keras/layers/pooling/adaptive_max_pooling3d.h"
#include "keras/layers/pooling/average_pooling1d.h"
#include "keras/layers/pooling/average_pooling2d.h"
#include "keras/layers/pooling/average_pooling3d.h"
#include "keras/layers/pooling/global_average_pooling1d.h"
#include "keras/layers/pooling/global_average_pooling2d.h"
#include "keras/layers/pooling/global_average_pooling3d.h"
#include "keras/layers/pooling/global_max_pooling1d.h"
#include "keras/layers/pooling/global_max_pooling2d.h"
#include "keras/layers/pooling/global_max_pooling3d.h"
#include "keras/layers/pooling/max_pooling1d.h"
#include "keras/layers/pooling/max_pooling2d.h"
#include "keras/layers/pooling/max_pooling3d.h"
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_pooling_layers() {
  register_layer<MaxPooling1DLayer>("MaxPooling1D");
  register_layer<MaxPooling2DLayer>("MaxPooling2D");
  register_layer<MaxPooling3DLayer>("MaxPooling3D");
  register_layer<AveragePooling1DLayer>("AveragePooling1D");
  register_layer<AveragePooling2DLayer>("AveragePooling2D");
  register_layer<AveragePooling3DLayer>("AveragePooling3D");
  register_layer<GlobalAveragePooling1DLayer>("GlobalAveragePooling1D");
  register_layer<GlobalAveragePooling2DLayer>("GlobalAveragePooling2D");
  register_layer<GlobalAveragePooling3DLayer>("GlobalAveragePooling3D");
  register_layer<GlobalMaxPooling1DLayer>("GlobalMaxPooling1D");
  register_layer<GlobalMaxPooling2DLayer>("GlobalMaxPooling2D");
  register_layer<GlobalMaxPooling3DLayer>("GlobalMaxPooling3D");
  register_layer<AdaptiveAveragePooling1DLayer>("AdaptiveAveragePooling1D");
  register_layer<AdaptiveAveragePooling2DLayer>("AdaptiveAveragePooling2D");
  register_layer<AdaptiveAveragePooling3DLayer>("AdaptiveAveragePooling3D");
  register_layer<AdaptiveMaxPooling1DLayer>("AdaptiveMaxPooling1D");
  register_layer<AdaptiveMaxPooling2DLayer>("AdaptiveMaxPooling2D");
  register_layer<AdaptiveMaxPooling3DLayer>("AdaptiveMaxPooling3D");
  register_layer<MaxPooling1DLayer>("MaxPool1D");
  register_layer<MaxPooling2DLayer>("MaxPool2D");
  register_layer<MaxPooling3DLayer>("MaxPool3D");
  register_layer<AveragePooling1DLayer>("AvgPool1D");
  register_layer<AveragePooling2DLayer>("AvgPool2D");
  register_layer<AveragePooling3DLayer>("AvgPool3D");
  register_layer<GlobalAveragePooling1DLayer>("GlobalAvgPool1D");
  register_layer<GlobalAveragePooling2DLayer>("GlobalAvgPool2D");
  register_layer<GlobalAveragePooling3DLayer>("GlobalAvgPool3D");
  register_layer<GlobalMaxPooling1DLayer>("GlobalMaxPool1D");
  register_layer<GlobalMaxPooling2DLayer>("GlobalMaxPool2D");
  register_layer<GlobalMaxPooling3DLayer>("GlobalMaxPool3D");
}

}  // namespace keras::layers
