// Registers the built-in layers of keras/layers/reshaping/.
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_reshaping_layers() {

}

}  // namespace keras::layers
