#include "keras/layers/reshaping/repeat_vector.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/array_ops.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

RepeatVectorLayer::RepeatVectorLayer(std::int64_t n, LayerOptions base)
    : Layer(std::move(base), "repeat_vector"), n_(n) {
  if (n_ <= 0) {
    throw ValueError(
        str("Argument `n` should be a positive integer. Received: n=", n_));
  }
}

Tensors RepeatVectorLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  check_input_rank(*this, x, 2);
  return {ops::repeat(ops::expand_dims(x, 1), n_, 1)};
}

Json RepeatVectorLayer::get_config() const {
  Json config = Layer::get_config();
  config["n"] = n_;
  return config;
}

std::shared_ptr<RepeatVectorLayer> RepeatVectorLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "RepeatVector");
  return std::make_shared<RepeatVectorLayer>(r.required<std::int64_t>("n"),
                                             layer_options_from_config(r));
}

}  // namespace keras::layers
