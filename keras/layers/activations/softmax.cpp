#include "keras/layers/activations/softmax.h"

#include "keras/activations/activations.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

SoftmaxLayer::SoftmaxLayer(SoftmaxOptions options, bool axis_is_list)
    : Layer(options.base, "softmax"),
      options_(std::move(options)),
      axis_is_list_(axis_is_list || options_.axis.size() != 1) {
  build_at_init();
  if (options_.axis.empty()) {
    throw ValueError(
        "Softmax: `axis` must name at least one axis. Received: "
        "axis=[]");
  }
}

Tensors SoftmaxLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  if (options_.axis.size() > 1) {
    return {ops::exp(x - ops::logsumexp(x, options_.axis, true))};
  }
  return {activations::softmax(x, options_.axis[0])};
}

Json SoftmaxLayer::get_config() const {
  Json config = Layer::get_config();
  config["axis"] =
      axis_is_list_ ? Json(options_.axis) : Json(options_.axis.front());
  return config;
}

std::shared_ptr<SoftmaxLayer> SoftmaxLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "Softmax");
  SoftmaxOptions o;
  o.base = layer_options_from_config(r);
  const bool is_list = r.raw("axis").is_array();
  if (is_list) {
    o.axis = r.required<std::vector<std::int64_t>>("axis");
  } else {
    o.axis = {r.get<std::int64_t>("axis", -1)};
  }
  return std::make_shared<SoftmaxLayer>(std::move(o), is_list);
}

}  // namespace keras::layers
