#include "keras/layers/reshaping/flatten.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

FlattenLayer::FlattenLayer(FlattenOptions options)
    : Layer(options.base, "flatten"),
      data_format_(standardize_data_format(options.data_format)) {}

Tensors FlattenLayer::call(const Tensors& inputs, const CallContext&) {
  Tensor x = inputs.at(0);
  const std::int64_t rank = x.ndim();
  if (rank < 1) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected "
                         "min_ndim=1, found ndim=0. Full shape received: ()"));
  }
  if (data_format_ == "channels_first" && rank > 1) {
    ops::Axes perm = {0};
    for (std::int64_t i = 2; i < rank; ++i) perm.push_back(i);
    perm.push_back(1);
    x = ops::transpose(x, perm);
  }
  std::int64_t flat = 1;
  for (std::int64_t i = 1; i < rank; ++i) {
    const std::int64_t d = x.shape()[i];
    flat = (d < 0 || flat < 0) ? -1 : flat * d;
  }
  // With unknown dims the result is only a shape (symbolic inputs).
  if (x.is_symbolic())
    return {Tensor::symbolic({x.shape()[0], flat}, x.dtype())};
  return {ops::reshape(x, {x.shape()[0], flat})};
}

Json FlattenLayer::get_config() const {
  Json config = Layer::get_config();
  config["data_format"] = data_format_;
  return config;
}

std::shared_ptr<FlattenLayer> FlattenLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "Flatten");
  return std::make_shared<FlattenLayer>(
      FlattenOptions{.data_format = r.get<std::string>("data_format", ""),
                     .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
