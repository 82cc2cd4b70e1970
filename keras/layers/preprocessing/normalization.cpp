#include "keras/layers/preprocessing/normalization.h"

#include <algorithm>

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"
#include "keras/utils/json_utils.h"

namespace keras::layers {

namespace {

constexpr double kEpsilon = 1e-7;  // Keras' backend.epsilon()

// The number or nested list of a config value as a float64 tensor.
Tensor array_of(const Json& value) {
  return saving::tensor_from_nested_list(value, DType::float64);
}

}  // namespace

NormalizationLayer::NormalizationLayer(NormalizationOptions options)
    : Layer(std::move(options.base), "normalization"), o_(std::move(options)) {
  set_supports_masking(true);
  if (o_.mean.is_null() != o_.variance.is_null()) {
    throw ValueError(
        str("When setting values directly, both `mean` and `variance` must be "
            "set. Received: mean=",
            saving::safe_dump(o_.mean),
            " and variance=", saving::safe_dump(o_.variance)));
  }
  if (!o_.mean.is_null()) {
    const Tensor mean = array_of(o_.mean), variance = array_of(o_.variance);
    if (mean.shape() != variance.shape()) {
      throw ValueError(
          str("When setting values directly, `mean` and "
              "`variance` must have the same shape. Received: "
              "mean shape ",
              shape_str(mean.shape()), " and variance shape ",
              shape_str(variance.shape())));
    }
    if (mean.ndim() > static_cast<std::int64_t>(o_.axis.size())) {
      throw ValueError(str(
          "The rank of `mean` must be less than or equal to "
          "the number of axes (",
          o_.axis.size(), "). Received: mean shape ", shape_str(mean.shape())));
    }
  }
}

void NormalizationLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  const auto ndim = static_cast<std::int64_t>(shape.size());
  keep_axes_.clear();
  for (std::int64_t a : o_.axis) {
    if (a < -ndim || a >= ndim) {
      throw ValueError(
          str("All `axis` values must be in the range "
              "[-ndim, ndim). Received inputs with ndim=",
              ndim, ", while axis=", Json(o_.axis).dump()));
    }
    keep_axes_.push_back(a < 0 ? a + ndim : a);
  }
  std::sort(keep_axes_.begin(), keep_axes_.end());
  reduce_axes_.clear();
  broadcast_shape_.assign(shape.size(), 1);
  Shape stats_shape;
  for (std::int64_t d = 0; d < ndim; ++d) {
    if (std::find(keep_axes_.begin(), keep_axes_.end(), d) ==
        keep_axes_.end()) {
      reduce_axes_.push_back(d);
      continue;
    }
    if (shape[d] < 0) {
      throw ValueError(
          str("All `axis` values to be kept must have a known "
              "shape. Received axis=",
              Json(o_.axis).dump(), ", inputs.shape=", shape_str(shape),
              ", with unknown axis at index ", d));
    }
    broadcast_shape_[d] = shape[d];
    stats_shape.push_back(shape[d]);
  }
  if (o_.mean.is_null()) {
    mean_ = add_weight({.name = "mean",
                        .shape = stats_shape,
                        .initializer = "zeros",
                        .trainable = false});
    variance_ = add_weight({.name = "variance",
                            .shape = stats_shape,
                            .initializer = "ones",
                            .trainable = false});
    count_ = add_weight({.name = "count",
                         .shape = {},
                         .initializer = "zeros",
                         .trainable = false,
                         .dtype = DType::int32});
  }
}

std::pair<Tensor, Tensor> NormalizationLayer::statistics() const {
  const DType dtype = compute_dtype();
  if (mean_) {
    return {
        ops::reshape(ops::cast(mean_->value(), dtype), broadcast_shape_),
        ops::reshape(ops::cast(variance_->value(), dtype), broadcast_shape_)};
  }
  // Given statistics: a scalar broadcasts everywhere; otherwise its dims map
  // onto the kept axes from the right.
  auto expand = [&](const Json& value) {
    Tensor t = array_of(value).astype(dtype);
    if (t.ndim() > 0) {
      Shape expanded(broadcast_shape_.size(), 1);
      for (std::int64_t i = 1; i <= t.ndim(); ++i) {
        expanded[keep_axes_[keep_axes_.size() - i]] = t.shape()[t.ndim() - i];
      }
      t = ops::reshape(t, expanded);
    }
    return ops::broadcast_to(t, broadcast_shape_);
  };
  return {expand(o_.mean), expand(o_.variance)};
}

Tensors NormalizationLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor x = ops::cast(inputs.at(0), compute_dtype());
  const auto [mean, variance] = statistics();
  const Tensor stddev =
      ops::maximum(ops::sqrt(variance), ops::scalar_like(kEpsilon, variance));
  if (o_.invert) return {mean + x * stddev};
  return {(x - mean) / stddev};
}

void NormalizationLayer::adapt(const Tensor& data) {
  if (!o_.mean.is_null()) {
    throw ValueError(
        "Normalization: adapt() cannot be used when `mean` and `variance` "
        "were given at construction.");
  }
  if (!built()) {
    maybe_build({data}, ArgsForm::kSingle);
  } else {
    for (std::int64_t d : keep_axes_) {
      if (d >= data.ndim() || data.shape()[d] != broadcast_shape_[d]) {
        throw ValueError(str("The layer was built for kept dims ",
                             shape_str(broadcast_shape_),
                             ", but adapt() is being called with data with "
                             "an incompatible shape, data.shape=",
                             shape_str(data.shape())));
      }
    }
  }
  autograd::NoGradGuard no_grad;
  const Tensor x = ops::cast(data, DType::float64);
  if (reduce_axes_.empty()) {  // every axis kept: each value is its mean
    mean_->assign(x);
    variance_->assign(ops::zeros_like(x));
  } else {
    mean_->assign(ops::mean(x, reduce_axes_, false));
    variance_->assign(ops::var(x, reduce_axes_, false));
  }
}

Json NormalizationLayer::get_config() const {
  Json config = Layer::get_config();
  config["axis"] = o_.axis;
  config["invert"] = o_.invert;
  config["mean"] = o_.mean;
  config["variance"] = o_.variance;
  return config;
}

std::shared_ptr<NormalizationLayer> NormalizationLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Normalization");
  NormalizationOptions o;
  const Json& axis = r.raw("axis");
  if (axis.is_null() && r.has("axis")) {
    o.axis = {};
  } else if (axis.is_number_integer()) {
    o.axis = {integer_of<std::int64_t>(axis)};
  } else if (!axis.is_null()) {
    o.axis = r.required<std::vector<std::int64_t>>("axis");
  }
  o.mean = r.get<Json>("mean", nullptr);
  o.variance = r.get<Json>("variance", nullptr);
  o.invert = r.get("invert", false);
  o.base = layer_options_from_config(r);
  return std::make_shared<NormalizationLayer>(std::move(o));
}

}  // namespace keras::layers
