// Registers the built-in layers of keras/layers/attention/.
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_attention_layers() {

}

}  // namespace keras::layers
