#include "keras/layers/merging/subtract.h"

#include "keras/ops/ops.h"

namespace keras::layers {

void SubtractLayer::build(const std::vector<Shape>& input_shapes) {
  MergeLayer::build(input_shapes);
  if (input_shapes.size() != 2) {
    throw ValueError(
        str("A `Subtract` layer should be called on exactly 2 inputs. "
            "Received: input_shape=",
            shapes_str(input_shapes)));
  }
}

Tensor SubtractLayer::merge(const Tensors& inputs) const {
  if (inputs.size() != 2) {
    throw ValueError(
        str("A `Subtract` layer should be called on exactly 2 inputs. "
            "Received: inputs=",
            shapes_str(inputs)));
  }
  return ops::subtract(inputs[0], inputs[1]);
}

}  // namespace keras::layers
