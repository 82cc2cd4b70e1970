// Registers the built-in layers of keras/layers/activations/.
#include "keras/layers/activations/activation.h"
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_activation_layers() {
  register_layer<ActivationLayer>("Activation");
}

}  // namespace keras::layers
