// Registers the built-in layers of keras/layers/preprocessing/.
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_preprocessing_layers() {

}

}  // namespace keras::layers
