#include "keras/layers/pooling/base_global_pooling.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

GlobalPoolingLayer::GlobalPoolingLayer(int pool_dimensions, Mode mode,
                                       GlobalPoolingOptions options,
                                       const std::string& base_name)
    : Layer(options.base, base_name),
      dims_(pool_dimensions),
      mode_(mode),
      data_format_(standardize_data_format(options.data_format)),
      keepdims_(options.keepdims) {
  build_at_init();
  set_supports_masking(pool_dimensions == 1 && mode == Mode::kAverage);
}

Tensors GlobalPoolingLayer::call(const Tensors& inputs,
                                 const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  check_input_rank(*this, x, dims_ + 2);
  // Spatial axes: 1..dims (channels last) or 2..dims+1 (channels first).
  const std::int64_t first = data_format_ == "channels_last" ? 1 : 2;
  ops::Axes axes;
  for (int i = 0; i < dims_; ++i) axes.push_back(first + i);
  const Tensor mask = ctx.masks.empty() ? Tensor() : ctx.masks[0];
  if (supports_masking() && mask.defined()) {
    // sum(x where mask) / count(mask) over the steps.
    const Tensor m =
        ops::expand_dims(ops::cast(mask, DType::bool_), first == 1 ? 2 : 1);
    const Tensor kept = ops::where(m, x, ops::zeros_like(x));
    const Tensor y = ops::sum(kept, axes, keepdims_) /
                     ops::sum(ops::cast(m, x.dtype()), axes, keepdims_);
    return {ops::cast(y, compute_dtype())};
  }
  const Tensor y = mode_ == Mode::kMax ? ops::max(x, axes, keepdims_)
                                       : ops::mean(x, axes, keepdims_);
  return {ops::cast(y, compute_dtype())};
}

Json GlobalPoolingLayer::get_config() const {
  Json config = Layer::get_config();
  config["data_format"] = data_format_;
  config["keepdims"] = keepdims_;
  return config;
}

GlobalPoolingOptions GlobalPoolingLayer::options_from_config(
    const Json& config, const std::string& class_name) {
  saving::ConfigReader r(config, class_name);
  GlobalPoolingOptions o;
  o.base = layer_options_from_config(r);
  o.data_format = r.get<std::string>("data_format", "channels_last");
  o.keepdims = r.get("keepdims", false);
  return o;
}

}  // namespace keras::layers
