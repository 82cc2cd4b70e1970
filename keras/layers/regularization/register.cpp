// Registers the built-in layers of keras/layers/regularization/.
#include "keras/layers/register_layers.h"
#include "keras/layers/regularization/activity_regularization.h"
#include "keras/layers/regularization/alpha_dropout.h"
#include "keras/layers/regularization/dropout.h"
#include "keras/layers/regularization/gaussian_dropout.h"
#include "keras/layers/regularization/gaussian_noise.h"
#include "keras/layers/regularization/spatial_dropout1d.h"
#include "keras/layers/regularization/spatial_dropout2d.h"
#include "keras/layers/regularization/spatial_dropout3d.h"

namespace keras::layers {

void register_regularization_layers() {
  register_layer<DropoutLayer>("Dropout");
  register_layer<SpatialDropout1DLayer>("SpatialDropout1D");
  register_layer<SpatialDropout2DLayer>("SpatialDropout2D");
  register_layer<SpatialDropout3DLayer>("SpatialDropout3D");
  register_layer<GaussianNoiseLayer>("GaussianNoise");
  register_layer<GaussianDropoutLayer>("GaussianDropout");
  register_layer<AlphaDropoutLayer>("AlphaDropout");
  register_layer<ActivityRegularizationLayer>("ActivityRegularization");
}

}  // namespace keras::layers
