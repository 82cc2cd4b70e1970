#include "keras/layers/reshaping/reshape.h"

#include <algorithm>

#include "keras/layers/reshaping/reshaping_utils.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

ReshapeLayer::ReshapeLayer(Shape target_shape, LayerOptions base)
    : Layer(std::move(base), "reshape"),
      target_shape_(std::move(target_shape)) {
  build_at_init();
  for (std::int64_t d : target_shape_) {
    if (d < -1) {
      throw ValueError(
          str("Each dimension in `target_shape` must be a "
              "non-negative integer, or `-1` for a single "
              "unknown dimension. Received: target_shape=",
              tuple_repr(target_shape_), "."));
    }
  }
  if (std::count(target_shape_.begin(), target_shape_.end(), -1) > 1) {
    throw ValueError(
        str("There must be at most one unknown dimension (-1) "
            "in `target_shape`. Received: target_shape=",
            tuple_repr(target_shape_), "."));
  }
}

Tensors ReshapeLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  if (x.ndim() < 1) {
    throw ValueError(str("Reshape '", name(),
                         "' needs inputs with a batch axis. Received: "
                         "inputs.shape=()"));
  }
  // Keras' compute_reshape_output_shape on the non-batch dims.
  const Shape in(x.shape().begin() + 1, x.shape().end());
  Shape out = target_shape_;
  const std::int64_t in_size =
      std::any_of(in.begin(), in.end(), [](auto d) { return d < 0; })
          ? -1
          : shape_size(in);
  if (in_size >= 0) {
    std::int64_t known = 1;
    for (std::int64_t d : out) known *= d < 0 ? 1 : d;
    const auto unknown = std::find(out.begin(), out.end(), -1);
    if (unknown == out.end() && known != in_size) {
      throw ValueError(
          str("The total size of the tensor must be unchanged. "
              "Received: input_shape=",
              tuple_repr(in), ", target_shape=", tuple_repr(target_shape_)));
    }
    if (unknown != out.end()) {
      if (known == 0 || in_size % known != 0) {
        throw ValueError(
            str("The total size of the tensor must be unchanged, however, the "
                "input size cannot by divided by the specified dimensions in "
                "target_shape. Received: input_shape=",
                tuple_repr(in), ", target_shape=", tuple_repr(target_shape_)));
      }
      *unknown = in_size / known;
    }
  }
  out.insert(out.begin(), x.shape()[0]);
  if (x.is_symbolic()) return {Tensor::symbolic(out, x.dtype())};
  return {ops::reshape(x, out)};
}

Json ReshapeLayer::get_config() const {
  Json config = Layer::get_config();
  config["target_shape"] = target_shape_;
  return config;
}

std::shared_ptr<ReshapeLayer> ReshapeLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "Reshape");
  return std::make_shared<ReshapeLayer>(
      r.required<std::vector<std::int64_t>>("target_shape"),
      layer_options_from_config(r));
}

}  // namespace keras::layers
