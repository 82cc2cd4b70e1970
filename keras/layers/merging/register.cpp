// Registers the built-in layers of keras/layers/merging/.
#include "keras/layers/merging/add.h"
#include "keras/layers/merging/average.h"
#include "keras/layers/merging/concatenate.h"
#include "keras/layers/merging/dot.h"
#include "keras/layers/merging/maximum.h"
#include "keras/layers/merging/minimum.h"
#include "keras/layers/merging/multiply.h"
#include "keras/layers/merging/subtract.h"
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_merging_layers() {
  register_layer<AddLayer>("Add");
  register_layer<SubtractLayer>("Subtract");
  register_layer<MultiplyLayer>("Multiply");
  register_layer<AverageLayer>("Average");
  register_layer<MaximumLayer>("Maximum");
  register_layer<MinimumLayer>("Minimum");
  register_layer<ConcatenateLayer>("Concatenate");
  register_layer<DotLayer>("Dot");
}

}  // namespace keras::layers
