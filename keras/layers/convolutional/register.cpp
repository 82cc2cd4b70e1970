// Registers the built-in layers of keras/layers/convolutional/.
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_convolutional_layers() {

}

}  // namespace keras::layers
