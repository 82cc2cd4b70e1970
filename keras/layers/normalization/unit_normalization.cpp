#include "keras/layers/normalization/unit_normalization.h"

#include "keras/ops/normalization.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/utils/json_utils.h"

namespace keras::layers {

UnitNormalizationLayer::UnitNormalizationLayer(UnitNormalizationOptions options)
    : Layer(options.base, "unit_normalization"), options_(std::move(options)) {
  build_at_init();
  set_supports_masking(true);
}

Tensors UnitNormalizationLayer::call(const Tensors& inputs,
                                     const CallContext&) {
  const Tensor& x = inputs.at(0);
  const Json given = options_.axis.to_json();
  for (std::int64_t a : options_.axis.values) {
    if (a >= x.ndim() || a < -x.ndim()) {
      throw ValueError(str("Axis ", dump_json(given),
                           " is out of bounds for input shape ",
                           shape_str(x.shape()), "."));
    }
  }
  const Tensor y = ops::normalize(x, options_.axis.values, 1e-12);
  return {ops::cast(y, compute_dtype())};
}

Json UnitNormalizationLayer::get_config() const {
  Json config = Layer::get_config();
  config["axis"] = options_.axis.to_json();
  return config;
}

std::shared_ptr<UnitNormalizationLayer> UnitNormalizationLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "UnitNormalization");
  UnitNormalizationOptions o;
  o.base = layer_options_from_config(r);
  o.axis = read_axis(r, "axis", -1);
  return std::make_shared<UnitNormalizationLayer>(std::move(o));
}

}  // namespace keras::layers
