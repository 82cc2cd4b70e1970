#include "keras/layers/reshaping/up_sampling3d.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

UpSampling3DLayer::UpSampling3DLayer(std::vector<std::int64_t> size,
                                     UpSampling3DOptions options)
    : UpSamplingLayer(standardize_tuple(size, 3, "size"), options.data_format,
                      "nearest", std::move(options.base), "up_sampling3d") {}

Json UpSampling3DLayer::get_config() const {
  Json config = Layer::get_config();
  config["size"] = size();
  config["data_format"] = data_format();
  return config;
}

std::shared_ptr<UpSampling3DLayer> UpSampling3DLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "UpSampling3D");
  return std::make_shared<UpSampling3DLayer>(
      read_tuple(r, "size", {2, 2, 2}),
      UpSampling3DOptions{.data_format = r.get<std::string>("data_format", ""),
                          .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
