#include "keras/layers/merging/multiply.h"

#include "keras/ops/ops.h"

namespace keras::layers {

Tensor MultiplyLayer::merge(const Tensors& inputs) const {
  return fold_inputs(inputs, ops::multiply);
}

}  // namespace keras::layers
