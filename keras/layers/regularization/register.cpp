// Registers the built-in layers of keras/layers/regularization/.
#include "keras/layers/regularization/dropout.h"
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_regularization_layers() {
  register_layer<DropoutLayer>("Dropout");
}

}  // namespace keras::layers
