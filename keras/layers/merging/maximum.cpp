#include "keras/layers/merging/maximum.h"

#include "keras/ops/ops.h"

namespace keras::layers {

Tensor MaximumLayer::merge(const Tensors& inputs) const {
  return fold_inputs(inputs, ops::maximum);
}

}  // namespace keras::layers
