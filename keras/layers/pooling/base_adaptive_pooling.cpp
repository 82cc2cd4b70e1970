#include "keras/layers/pooling/base_adaptive_pooling.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/core.h"
#include "keras/ops/pooling.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {

std::string sizes_str(const std::vector<std::int64_t>& v) {
  std::string s = "(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(v[i]);
  }
  return s + (v.size() == 1 ? ",)" : ")");
}

}  // namespace

AdaptivePoolingLayer::AdaptivePoolingLayer(
    int pool_dimensions, Mode mode, std::vector<std::int64_t> output_size,
    AdaptivePoolingOptions options, const std::string& base_name)
    : Layer(options.base, base_name),
      dims_(pool_dimensions),
      mode_(mode),
      output_size_(std::move(output_size)),
      data_format_(options.data_format.empty() ? "channels_last"
                                               : options.data_format) {
  static const char* const kExpected[] = {
      "", "`output_size` must be an integer or tuple of 1 integer.",
      "`output_size` must be an integer or (height, width) tuple.",
      "`output_size` must be an integer or (depth, height, width) tuple."};
  if (output_size_.size() == 1) {
    output_size_.assign(std::size_t(pool_dimensions), output_size_[0]);
  }
  if (int(output_size_.size()) != pool_dimensions) {
    throw TypeError(str(kExpected[pool_dimensions],
                        " Received: ", sizes_str(output_size_)));
  }
  for (std::int64_t v : output_size_) {
    if (v <= 0) {
      throw ValueError(
          str("`output_size` must contain positive integers. "
              "Received: ",
              sizes_str(output_size_)));
    }
  }
  if (data_format_ != "channels_first" && data_format_ != "channels_last") {
    throw ValueError(str("Invalid data_format: ", data_format_,
                         ". Expected 'channels_first' or 'channels_last'."));
  }
}

Tensors AdaptivePoolingLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  check_input_rank(*this, x, dims_ + 2);
  const Tensor y =
      mode_ == Mode::kMax
          ? ops::adaptive_max_pool(x, output_size_, data_format_)
          : ops::adaptive_average_pool(x, output_size_, data_format_);
  return {ops::cast(y, compute_dtype())};
}

Json AdaptivePoolingLayer::get_config() const {
  Json config = Layer::get_config();
  config["output_size"] = output_size_;
  config["data_format"] = data_format_;
  return config;
}

AdaptivePoolingLayer::Parsed AdaptivePoolingLayer::parse_config(
    const Json& config, const std::string& class_name) {
  saving::ConfigReader r(config, class_name);
  Parsed p;
  p.options.base = layer_options_from_config(r);
  p.options.data_format = r.get<std::string>("data_format", "channels_last");
  p.output_size = read_tuple(r, "output_size", {});
  if (p.output_size.empty()) r.required<Json>("output_size");
  return p;
}

}  // namespace keras::layers
