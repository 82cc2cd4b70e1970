#include "keras/layers/regularization/activity_regularization.h"

#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {

// The base layer's activity regularizer does the work (as in Keras).
LayerOptions with_l1l2(LayerOptions base, double l1, double l2) {
  base.activity_regularizer = std::make_shared<regularizers::L1L2>(l1, l2);
  return base;
}

}  // namespace

ActivityRegularizationLayer::ActivityRegularizationLayer(double l1, double l2,
                                                         LayerOptions base)
    : Layer(with_l1l2(std::move(base), l1, l2), "activity_regularization"),
      l1_(l1),
      l2_(l2) {
  build_at_init();
  set_supports_masking(true);
}

Tensors ActivityRegularizationLayer::call(const Tensors& inputs,
                                          const CallContext&) {
  return {inputs.at(0)};
}

Json ActivityRegularizationLayer::get_config() const {
  Json config = Layer::get_config();
  config.erase("activity_regularizer");
  config["l1"] = l1_;
  config["l2"] = l2_;
  return config;
}

std::shared_ptr<ActivityRegularizationLayer>
ActivityRegularizationLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "ActivityRegularization");
  return std::make_shared<ActivityRegularizationLayer>(
      r.get("l1", 0.0), r.get("l2", 0.0), layer_options_from_config(r));
}

}  // namespace keras::layers
