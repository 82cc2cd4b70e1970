// The Transformer encoder block of the suite, in its own file: the attention
// and LayerNormalization headers clash with the conv/rnn ones in one TU
// (both declare keras::layers::read_constraint).
#include "bench/bench_models.h"
#include "keras/layers/attention/multi_head_attention.h"
#include "keras/layers/merging/add.h"
#include "keras/layers/normalization/layer_normalization.h"

namespace bench {

namespace L = keras::layers;
using keras::Input;
using keras::Tensors;

// Post-norm encoder block, as torch.nn.TransformerEncoderLayer (relu FFN 512).
ModelPtr transformer_block() {
  auto x = Input({64, 128});
  auto a = L::MultiHeadAttention(4, 32, {.base = {.name = "mha"}})(x, x);
  auto h = L::LayerNormalization({.base = {.name = "ln1"}})(
      L::Add({.name = "add1"})(Tensors{x, a}));
  auto f = L::Dense(512, {.activation = "relu", .base = {.name = "ff1"}})(h);
  f = L::Dense(128, {.base = {.name = "ff2"}})(f);
  auto y = L::LayerNormalization({.base = {.name = "ln2"}})(
      L::Add({.name = "add2"})(Tensors{h, f}));
  return std::make_shared<keras::Model>(x, y,
                                        keras::ModelOptions{.name = "encoder"});
}

}  // namespace bench
