#include "keras/layers/pooling/base_pooling.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/core.h"
#include "keras/ops/pooling.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

PoolingLayer::PoolingLayer(int pool_dimensions, Mode mode,
                           PoolingOptions options, const std::string& base_name)
    : Layer(options.base, base_name),
      dims_(pool_dimensions),
      mode_(mode),
      pool_size_(
          standardize_tuple(options.pool_size, pool_dimensions, "pool_size")),
      strides_(
          options.strides.empty()
              ? pool_size_
              : standardize_tuple(options.strides, pool_dimensions, "strides")),
      padding_(std::move(options.padding)),
      data_format_(standardize_data_format(options.data_format)) {
  build_at_init();
  if (padding_ != "valid" && padding_ != "same") {
    throw ValueError(
        str("Argument `padding` must be either 'valid' or 'same'. Received: "
            "padding=",
            padding_));
  }
}

Tensors PoolingLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  check_input_rank(*this, x, dims_ + 2);
  const Tensor y =
      mode_ == Mode::kMax
          ? ops::max_pool(x, pool_size_, strides_, padding_, data_format_)
          : ops::average_pool(x, pool_size_, strides_, padding_, data_format_);
  return {ops::cast(y, compute_dtype())};
}

Json PoolingLayer::get_config() const {
  Json config = Layer::get_config();
  config["pool_size"] = pool_size_;
  config["padding"] = padding_;
  config["strides"] = strides_;
  config["data_format"] = data_format_;
  return config;
}

PoolingOptions PoolingLayer::options_from_config(
    const Json& config, const std::string& class_name) {
  saving::ConfigReader r(config, class_name);
  PoolingOptions o;
  o.base = layer_options_from_config(r);
  o.pool_size = read_tuple(r, "pool_size", {2});
  o.strides = read_tuple(r, "strides", {});
  o.padding = r.get<std::string>("padding", "valid");
  o.data_format = r.get<std::string>("data_format", "channels_last");
  return o;
}

}  // namespace keras::layers
