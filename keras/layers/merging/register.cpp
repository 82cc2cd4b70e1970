// Registers the built-in layers of keras/layers/merging/.
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_merging_layers() {

}

}  // namespace keras::layers
