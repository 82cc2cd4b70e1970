#include "keras/layers/preprocessing/discretization.h"

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/utils/numerical_utils.h"

namespace keras::layers {

DiscretizationLayer::DiscretizationLayer(DiscretizationOptions options)
    : Layer(std::move(options.base), "discretization"), o_(std::move(options)) {
  if (o_.sparse) {
    throw ValueError(
        "`sparse=True` cannot be used: keras.cpp has no sparse tensors.");
  }
  validate_output_mode(o_.output_mode, "Discretization",
                       {"int", "one_hot", "multi_hot", "count"});
  if (o_.num_bins && *o_.num_bins < 0) {
    throw ValueError(
        str("`num_bins` must be greater than or equal to 0. "
            "Received: `num_bins=",
            *o_.num_bins, "`"));
  }
  if (!o_.num_bins && !o_.bin_boundaries) {
    throw ValueError("You need to set either `num_bins` or `bin_boundaries`.");
  }
}

Tensors DiscretizationLayer::call(const Tensors& inputs, const CallContext&) {
  if (!o_.bin_boundaries) {
    throw ValueError(
        "You need to either pass the `bin_boundaries` argument at "
        "construction time or call `adapt(dataset)` before you can start "
        "using the `Discretization` layer.");
  }
  const Tensor& x = inputs.at(0);
  // Bucket id = how many boundaries are <= x (boundaries are increasing).
  const std::vector<double>& b = *o_.bin_boundaries;
  const Tensor boundaries =
      Tensor::from_vector<double>(b, {static_cast<std::int64_t>(b.size())});
  const Tensor ids = ops::sum(
      ops::cast(
          ops::greater_equal(ops::expand_dims(ops::cast(x, DType::float64), -1),
                             boundaries),
          DType::int64),
      {-1}, false);
  const DType out = o_.output_mode == "int" ? DType::int64 : DType::float32;
  return {encode_categorical_inputs(
      ids, o_.output_mode, static_cast<std::int64_t>(b.size()) + 1, out)};
}

Json DiscretizationLayer::get_config() const {
  return {{"bin_boundaries",
           o_.bin_boundaries ? Json(*o_.bin_boundaries) : Json(nullptr)},
          {"num_bins", o_.num_bins ? Json(*o_.num_bins) : Json(nullptr)},
          {"epsilon", o_.epsilon},
          {"output_mode", o_.output_mode},
          {"sparse", o_.sparse},
          {"name", name()},
          {"dtype", dtype_policy()}};
}

std::shared_ptr<DiscretizationLayer> DiscretizationLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Discretization");
  DiscretizationOptions o;
  if (const Json& b = r.raw("bin_boundaries"); !b.is_null()) {
    if (!b.is_array()) {
      throw TypeError(
          "Discretization: `bin_boundaries` must be a list of "
          "numbers.");
    }
    std::vector<double> values;
    for (const Json& v : b) {
      if (!v.is_number()) {
        throw TypeError(
            "Discretization: `bin_boundaries` must be a list of "
            "numbers.");
      }
      values.push_back(v.get<double>());
    }
    o.bin_boundaries = std::move(values);
  }
  o.num_bins = r.optional<std::int64_t>("num_bins");
  o.epsilon = r.get("epsilon", 0.01);
  o.output_mode = r.get<std::string>("output_mode", "int");
  o.sparse = r.get("sparse", false);
  o.base = layer_options_from_config(r);
  return std::make_shared<DiscretizationLayer>(std::move(o));
}

}  // namespace keras::layers
