// Registers the built-in layers of keras/layers/attention/.
#include "keras/layers/attention/additive_attention.h"
#include "keras/layers/attention/attention.h"
#include "keras/layers/attention/grouped_query_attention.h"
#include "keras/layers/attention/multi_head_attention.h"
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_attention_layers() {
  register_layer<AttentionLayer>("Attention");
  register_layer<AdditiveAttentionLayer>("AdditiveAttention");
  register_layer<MultiHeadAttentionLayer>("MultiHeadAttention");
  // Keras exports the class as GroupQueryAttention (its config's name).
  register_layer<GroupedQueryAttentionLayer>("GroupQueryAttention");
  register_layer<GroupedQueryAttentionLayer>("GroupedQueryAttention");
}

}  // namespace keras::layers
