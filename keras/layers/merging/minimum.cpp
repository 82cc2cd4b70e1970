#include "keras/layers/merging/minimum.h"

#include "keras/ops/ops.h"

namespace keras::layers {

Tensor MinimumLayer::merge(const Tensors& inputs) const {
  return fold_inputs(inputs, ops::minimum);
}

}  // namespace keras::layers
