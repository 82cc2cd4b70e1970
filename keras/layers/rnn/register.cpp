// Registers the built-in layers of keras/layers/rnn/.
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_rnn_layers() {

}

}  // namespace keras::layers
