#include "keras/layers/reshaping/up_sampling2d.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

UpSampling2DLayer::UpSampling2DLayer(std::vector<std::int64_t> size,
                                     UpSampling2DOptions options)
    : UpSamplingLayer(standardize_tuple(size, 2, "size"), options.data_format,
                      options.interpolation, std::move(options.base),
                      "up_sampling2d") {}

Json UpSampling2DLayer::get_config() const {
  Json config = Layer::get_config();
  config["size"] = size();
  config["data_format"] = data_format();
  config["interpolation"] = interpolation();
  return config;
}

std::shared_ptr<UpSampling2DLayer> UpSampling2DLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "UpSampling2D");
  return std::make_shared<UpSampling2DLayer>(
      read_tuple(r, "size", {2, 2}),
      UpSampling2DOptions{
          .data_format = r.get<std::string>("data_format", ""),
          .interpolation = r.get<std::string>("interpolation", "nearest"),
          .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
