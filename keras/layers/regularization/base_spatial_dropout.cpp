#include "keras/layers/regularization/base_spatial_dropout.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/layers/regularization/rate_check.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

SpatialDropoutLayer::SpatialDropoutLayer(int spatial_dims, double rate,
                                         SpatialDropoutOptions options,
                                         const std::string& base_name)
    : Layer(options.base, base_name),
      dims_(spatial_dims),
      rate_(rate),
      options_(std::move(options)),
      seeds_(options_.seed) {
  build_at_init();
  set_supports_masking(true);
  check_unit_interval(rate, "rate");
  options_.data_format = standardize_data_format(options_.data_format);
}

Tensors SpatialDropoutLayer::call(const Tensors& inputs,
                                  const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  check_input_rank(*this, x, dims_ + 2);
  if (!ctx.training || rate_ == 0.0 || x.is_symbolic()) return {x};
  // One draw per (example, channel): the spatial dims of the noise are 1.
  Shape noise(x.shape().size(), 1);
  noise[0] = x.shape()[0];
  const bool last = dims_ == 1 || options_.data_format == "channels_last";
  const std::size_t channel_axis = last ? noise.size() - 1 : 1;
  noise[channel_axis] = x.shape()[channel_axis];
  const Tensor mask = random::dropout_mask(noise, rate_, seeds_.next());
  return {x * ops::cast(mask, x.dtype())};
}

Json SpatialDropoutLayer::get_config() const {
  Json config = {{"rate", rate_},
                 {"seed", options_.seed ? Json(*options_.seed) : Json(nullptr)},
                 {"name", name()},
                 {"dtype", std::string(dtype_name(variable_dtype()))}};
  if (dims_ > 1) config["data_format"] = options_.data_format;
  return config;
}

SpatialDropoutLayer::Parsed SpatialDropoutLayer::parse_config(
    const Json& config, const std::string& class_name) {
  saving::ConfigReader r(config, class_name);
  Parsed p;
  p.rate = r.required<double>("rate");
  p.options.base = layer_options_from_config(r);
  p.options.seed = r.optional<std::int64_t>("seed");
  p.options.data_format = r.get<std::string>("data_format", "channels_last");
  return p;
}

}  // namespace keras::layers
