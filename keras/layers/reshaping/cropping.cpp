#include "keras/layers/reshaping/cropping.h"

#include <limits>

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/ops.h"

namespace keras::layers {

CroppingLayer::CroppingLayer(std::size_t n, SpatialPairs cropping,
                             std::string data_format, bool has_data_format,
                             LayerOptions base, const std::string& base_name)
    : Layer(std::move(base), base_name),
      n_(n),
      cropping_(std::move(cropping)),
      data_format_(standardize_data_format(data_format)),
      has_data_format_(has_data_format) {
  check_pairs(cropping_, n_, "cropping");
}

Tensors CroppingLayer::call(const Tensors& inputs, const CallContext&) {
  Tensor x = inputs.at(0);
  check_input_rank(*this, x, static_cast<int>(n_) + 2);
  for (std::size_t i = 0; i < n_; ++i) {
    const std::int64_t axis = spatial_axis(i, data_format_);
    const std::int64_t size = x.shape()[axis];
    const auto [before, after] = cropping_[i];
    if (size >= 0 && before + after >= size) {
      throw ValueError(
          n_ == 1 ? str("`cropping` parameter of `Cropping1D` layer must be "
                        "smaller than the input length. Received: "
                        "inputs.shape=",
                        shape_str(inputs[0].shape()),
                        ", cropping=", pairs_repr(cropping_, true))
                  : str("Values in `cropping` argument should be smaller "
                        "than the corresponding spatial dimension of the "
                        "input. Received: inputs.shape=",
                        shape_str(inputs[0].shape()),
                        ", cropping=", pairs_repr(cropping_, false)));
    }
    // x[..., before:-after, ...] (to the end when after == 0).
    x = ops::slice_axis(
        x, axis, before,
        after == 0 ? std::numeric_limits<std::int64_t>::max() : -after);
  }
  return {x};
}

Json CroppingLayer::get_config() const {
  Json config = Layer::get_config();
  config["cropping"] = pairs_to_json(cropping_, n_ == 1);
  if (has_data_format_) config["data_format"] = data_format_;
  return config;
}

}  // namespace keras::layers
