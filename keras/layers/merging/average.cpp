#include "keras/layers/merging/average.h"

#include "keras/ops/ops.h"

namespace keras::layers {

Tensor AverageLayer::merge(const Tensors& inputs) const {
  return fold_inputs(inputs, ops::add) / static_cast<double>(inputs.size());
}

}  // namespace keras::layers
