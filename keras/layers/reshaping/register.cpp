// Registers the built-in layers of keras/layers/reshaping/.
#include "keras/layers/register_layers.h"
#include "keras/layers/reshaping/cropping1d.h"
#include "keras/layers/reshaping/cropping2d.h"
#include "keras/layers/reshaping/cropping3d.h"
#include "keras/layers/reshaping/flatten.h"
#include "keras/layers/reshaping/permute.h"
#include "keras/layers/reshaping/repeat_vector.h"
#include "keras/layers/reshaping/reshape.h"
#include "keras/layers/reshaping/up_sampling1d.h"
#include "keras/layers/reshaping/up_sampling2d.h"
#include "keras/layers/reshaping/up_sampling3d.h"
#include "keras/layers/reshaping/zero_padding1d.h"
#include "keras/layers/reshaping/zero_padding2d.h"
#include "keras/layers/reshaping/zero_padding3d.h"

namespace keras::layers {

void register_reshaping_layers() {
  register_layer<FlattenLayer>("Flatten");
  register_layer<ReshapeLayer>("Reshape");
  register_layer<PermuteLayer>("Permute");
  register_layer<RepeatVectorLayer>("RepeatVector");
  register_layer<Cropping1DLayer>("Cropping1D");
  register_layer<Cropping2DLayer>("Cropping2D");
  register_layer<Cropping3DLayer>("Cropping3D");
  register_layer<ZeroPadding1DLayer>("ZeroPadding1D");
  register_layer<ZeroPadding2DLayer>("ZeroPadding2D");
  register_layer<ZeroPadding3DLayer>("ZeroPadding3D");
  register_layer<UpSampling1DLayer>("UpSampling1D");
  register_layer<UpSampling2DLayer>("UpSampling2D");
  register_layer<UpSampling3DLayer>("UpSampling3D");
}

}  // namespace keras::layers
