#include "keras/layers/preprocessing/resizing.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

ResizingLayer::ResizingLayer(std::int64_t height, std::int64_t width,
                             ResizingOptions options)
    : Layer(std::move(options.base), "resizing"),
      height_(height),
      width_(width),
      o_(std::move(options)) {
  o_.data_format = standardize_data_format(o_.data_format);
  if (o_.interpolation != "bilinear" && o_.interpolation != "nearest" &&
      o_.interpolation != "bicubic") {
    throw ValueError(
        str("Invalid value for argument `interpolation`. "
            "Expected one of {'bilinear', 'nearest', 'bicubic'}. "
            "Received: interpolation=",
            o_.interpolation));
  }
  if (o_.fill_mode != "constant") {
    throw ValueError(
        str("Invalid value for argument `fill_mode`. Only "
            "`'constant'` is supported. Received: fill_mode=",
            o_.fill_mode));
  }
  if (o_.crop_to_aspect_ratio && o_.pad_to_aspect_ratio) {
    throw ValueError(
        "Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be "
        "`True`.");
  }
  if (height_ <= 0 || width_ <= 0) {
    throw ValueError(
        str("Resizing: `height` and `width` must be positive. "
            "Received: height=",
            height_, ", width=", width_));
  }
}

Tensors ResizingLayer::call(const Tensors& inputs, const CallContext&) {
  return {ops::resize(ops::cast(inputs.at(0), compute_dtype()), height_, width_,
                      {.interpolation = o_.interpolation,
                       .antialias = o_.antialias,
                       .crop_to_aspect_ratio = o_.crop_to_aspect_ratio,
                       .pad_to_aspect_ratio = o_.pad_to_aspect_ratio,
                       .fill_value = o_.fill_value,
                       .data_format = o_.data_format})};
}

Json ResizingLayer::get_config() const {
  Json config = Layer::get_config();
  config["data_format"] = o_.data_format;
  config["height"] = height_;
  config["width"] = width_;
  config["interpolation"] = o_.interpolation;
  config["crop_to_aspect_ratio"] = o_.crop_to_aspect_ratio;
  config["pad_to_aspect_ratio"] = o_.pad_to_aspect_ratio;
  config["fill_mode"] = o_.fill_mode;
  config["fill_value"] = o_.fill_value;
  config["antialias"] = o_.antialias;
  return config;
}

std::shared_ptr<ResizingLayer> ResizingLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "Resizing");
  return std::make_shared<ResizingLayer>(
      r.required<std::int64_t>("height"), r.required<std::int64_t>("width"),
      ResizingOptions{
          .interpolation = r.get<std::string>("interpolation", "bilinear"),
          .crop_to_aspect_ratio = r.get("crop_to_aspect_ratio", false),
          .pad_to_aspect_ratio = r.get("pad_to_aspect_ratio", false),
          .fill_mode = r.get<std::string>("fill_mode", "constant"),
          .fill_value = r.get("fill_value", 0.0),
          .antialias = r.get("antialias", false),
          .data_format = r.get<std::string>("data_format", ""),
          .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
