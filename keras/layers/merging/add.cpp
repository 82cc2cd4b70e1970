#include "keras/layers/merging/add.h"

#include "keras/ops/ops.h"

namespace keras::layers {

Tensor AddLayer::merge(const Tensors& inputs) const {
  return fold_inputs(inputs, ops::add);
}

}  // namespace keras::layers
