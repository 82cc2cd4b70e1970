// Registers the built-in layers of keras/layers/normalization/.
#include "keras/layers/normalization/batch_normalization.h"
#include "keras/layers/normalization/group_normalization.h"
#include "keras/layers/normalization/layer_normalization.h"
#include "keras/layers/normalization/rms_normalization.h"
#include "keras/layers/normalization/spectral_normalization.h"
#include "keras/layers/normalization/unit_normalization.h"
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_normalization_layers() {
  register_layer<BatchNormalizationLayer>("BatchNormalization");
  register_layer<LayerNormalizationLayer>("LayerNormalization");
  register_layer<GroupNormalizationLayer>("GroupNormalization");
  register_layer<UnitNormalizationLayer>("UnitNormalization");
  register_layer<RMSNormalizationLayer>("RMSNormalization");
  register_layer<SpectralNormalizationLayer>("SpectralNormalization");
}

}  // namespace keras::layers
