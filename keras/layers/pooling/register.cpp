// Registers the built-in layers of keras/layers/pooling/.
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_pooling_layers() {

}

}  // namespace keras::layers
