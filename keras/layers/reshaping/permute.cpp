#include "keras/layers/reshaping/permute.h"

#include <algorithm>
#include <numeric>

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/layers/reshaping/reshaping_utils.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

PermuteLayer::PermuteLayer(std::vector<std::int64_t> dims, LayerOptions base)
    : Layer(std::move(base), "permute"), dims_(std::move(dims)) {
  std::vector<std::int64_t> sorted = dims_, expected(dims_.size());
  std::sort(sorted.begin(), sorted.end());
  std::iota(expected.begin(), expected.end(), 1);
  if (sorted != expected) {
    std::string list = "[";
    for (std::size_t i = 0; i < dims_.size(); ++i) {
      list += (i ? ", " : "") + std::to_string(dims_[i]);
    }
    throw ValueError(
        str("Invalid permutation argument `dims` for Permute "
            "Layer. The set of indices in `dims` must be "
            "consecutive and start from 1. Received dims=",
            list, "]"));
  }
}

Tensors PermuteLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  check_input_rank(*this, x, static_cast<int>(dims_.size()) + 1);
  ops::Axes perm = {0};
  perm.insert(perm.end(), dims_.begin(), dims_.end());
  return {ops::transpose(x, perm)};
}

Json PermuteLayer::get_config() const {
  Json config = Layer::get_config();
  config["dims"] = dims_;
  return config;
}

std::shared_ptr<PermuteLayer> PermuteLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "Permute");
  return std::make_shared<PermuteLayer>(
      r.required<std::vector<std::int64_t>>("dims"),
      layer_options_from_config(r));
}

}  // namespace keras::layers
