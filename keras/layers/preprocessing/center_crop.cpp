#include "keras/layers/preprocessing/center_crop.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

CenterCropLayer::CenterCropLayer(std::int64_t height, std::int64_t width,
                                 CenterCropOptions options)
    : Layer(std::move(options.base), "center_crop"),
      height_(height),
      width_(width),
      data_format_(standardize_data_format(options.data_format)) {
  if (height_ <= 0 || width_ <= 0) {
    throw ValueError(
        str("CenterCrop: `height` and `width` must be positive. "
            "Received: height=",
            height_, ", width=", width_));
  }
}

Tensors CenterCropLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor x = ops::cast(inputs.at(0), compute_dtype());
  const std::int64_t rank = x.ndim();
  if (rank != 3 && rank != 4) {
    throw ValueError(
        str("CenterCrop expects images of rank 3 or 4. "
            "Received: inputs.shape=",
            shape_str(x.shape())));
  }
  const bool last = data_format_ == "channels_last";
  const std::int64_t h_axis = last ? rank - 3 : rank - 2;
  const std::int64_t h = x.shape()[h_axis], w = x.shape()[h_axis + 1];
  if (h < 0 || w < 0) {
    throw ValueError(
        str("At this time, CenterCrop can only process images "
            "with a static spatial shape. Received: "
            "inputs.shape=",
            shape_str(x.shape())));
  }
  if (h >= height_ && w >= width_) {
    const std::int64_t top = (h - height_) / 2, left = (w - width_) / 2;
    return {ops::slice_axis(ops::slice_axis(x, h_axis, top, top + height_),
                            h_axis + 1, left, left + width_)};
  }
  return {
      ops::resize(x, height_, width_,
                  {.crop_to_aspect_ratio = true, .data_format = data_format_})};
}

Json CenterCropLayer::get_config() const {
  Json config = Layer::get_config();
  config["data_format"] = data_format_;
  config["height"] = height_;
  config["width"] = width_;
  return config;
}

std::shared_ptr<CenterCropLayer> CenterCropLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "CenterCrop");
  return std::make_shared<CenterCropLayer>(
      r.required<std::int64_t>("height"), r.required<std::int64_t>("width"),
      CenterCropOptions{.data_format = r.get<std::string>("data_format", ""),
                        .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
