#include "keras/layers/reshaping/up_sampling1d.h"

#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {
std::int64_t checked_size(std::int64_t size) {
  if (size <= 0) {
    throw ValueError(str(
        "Argument `size` should be a positive integer. Received: size=", size));
  }
  return size;
}
}  // namespace

UpSampling1DLayer::UpSampling1DLayer(std::int64_t size, LayerOptions base)
    : UpSamplingLayer({checked_size(size)}, "", "nearest", std::move(base),
                      "up_sampling1d") {}

Json UpSampling1DLayer::get_config() const {
  Json config = Layer::get_config();
  config["size"] = size()[0];
  return config;
}

std::shared_ptr<UpSampling1DLayer> UpSampling1DLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "UpSampling1D");
  return std::make_shared<UpSampling1DLayer>(r.get<std::int64_t>("size", 2),
                                             layer_options_from_config(r));
}

}  // namespace keras::layers
