// Registers the built-in layers of keras/layers/core/.
#include "keras/layers/core/dense.h"
#include "keras/layers/core/einsum_dense.h"
#include "keras/layers/core/embedding.h"
#include "keras/layers/core/identity.h"
#include "keras/layers/core/input_layer.h"
#include "keras/layers/core/masking.h"
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_core_layers() {
  register_layer<InputLayer>("InputLayer");
  register_layer<DenseLayer>("Dense");
  register_layer<EinsumDenseLayer>("EinsumDense");
  register_layer<EmbeddingLayer>("Embedding");
  register_layer<IdentityLayer>("Identity");
  register_layer<MaskingLayer>("Masking");
}

}  // namespace keras::layers
