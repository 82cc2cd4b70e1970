// Registers the built-in layers of keras/layers/normalization/.
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_normalization_layers() {

}

}  // namespace keras::layers
