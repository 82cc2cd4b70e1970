#include "keras/layers/reshaping/zero_padding.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/array_ops.h"

namespace keras::layers {

ZeroPaddingLayer::ZeroPaddingLayer(std::size_t n, SpatialPairs padding,
                                   std::string data_format, LayerOptions base,
                                   const std::string& base_name)
    : Layer(std::move(base), base_name),
      n_(n),
      padding_(std::move(padding)),
      data_format_(standardize_data_format(data_format)) {
  check_pairs(padding_, n_, "padding");
}

Tensors ZeroPaddingLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  check_input_rank(*this, x, static_cast<int>(n_) + 2);
  ops::PadWidth width(n_ + 2, {0, 0});
  for (std::size_t i = 0; i < n_; ++i) {
    width[spatial_axis(i, data_format_)] = padding_[i];
  }
  return {ops::pad(x, width)};
}

Json ZeroPaddingLayer::get_config() const {
  Json config = Layer::get_config();
  config["padding"] = pairs_to_json(padding_, n_ == 1);
  config["data_format"] = data_format_;
  return config;
}

}  // namespace keras::layers
