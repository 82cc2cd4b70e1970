#include "keras/layers/preprocessing/rescaling.h"

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"

namespace keras::layers {

namespace {

// A number, a (nested) list of numbers or an array record, as a constant.
Tensor constant_of(const Json& value, const char* what, DType dtype) {
  if (value.is_number()) return Tensor::scalar(value.get<double>(), dtype);
  if (saving::is_array_record(value)) {
    return saving::deserialize_array_record(value).astype(dtype);
  }
  if (value.is_array()) return saving::tensor_from_nested_list(value, dtype);
  throw TypeError(str("Rescaling: `", what,
                      "` must be a number or an array of numbers. Received: ",
                      saving::safe_dump(value).substr(0, 100)));
}

}  // namespace

RescalingLayer::RescalingLayer(Json scale, RescalingOptions options)
    : Layer(std::move(options.base), "rescaling"),
      scale_(std::move(scale)),
      offset_(std::move(options.offset)) {
  set_supports_masking(true);
  // Validate now, not at the first call.
  constant_of(scale_, "scale", DType::float64);
  constant_of(offset_, "offset", DType::float64);
}

Tensors RescalingLayer::call(const Tensors& inputs, const CallContext&) {
  const DType dtype = compute_dtype();
  return {ops::cast(inputs.at(0), dtype) * constant_of(scale_, "scale", dtype) +
          constant_of(offset_, "offset", dtype)};
}

Json RescalingLayer::get_config() const {
  Json config = Layer::get_config();
  config["scale"] = scale_;
  config["offset"] = offset_;
  return config;
}

std::shared_ptr<RescalingLayer> RescalingLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Rescaling");
  return std::make_shared<RescalingLayer>(
      r.required<Json>("scale"),
      RescalingOptions{.offset = r.get<Json>("offset", 0.0),
                       .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
