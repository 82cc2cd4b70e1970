#include "keras/layers/merging/concatenate.h"

#include <set>

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

ConcatenateLayer::ConcatenateLayer(ConcatenateOptions options)
    : MergeLayer(std::move(options.base), "concatenate"), axis_(options.axis) {}

void ConcatenateLayer::build(const std::vector<Shape>& input_shapes) {
  if (input_shapes.empty()) {
    throw ValueError(
        "A `Concatenate` layer should be called on a list of at least 1 "
        "input. Received: input_shape=[]");
  }
  // Every shape without the concatenation axis must agree, dim by dim,
  // where both are known.
  const std::string message = str(
      "A `Concatenate` layer requires inputs with matching shapes except for "
      "the concatenation axis. Received: input_shape=",
      shapes_str(input_shapes));
  std::vector<Shape> reduced;
  for (const Shape& s : input_shapes) {
    const std::int64_t rank = static_cast<std::int64_t>(s.size());
    if (axis_ >= rank || axis_ < -rank) throw ValueError(message);
    Shape r = s;
    r.erase(r.begin() + (axis_ < 0 ? axis_ + rank : axis_));
    reduced.push_back(r);
  }
  for (const Shape& r : reduced) {
    if (r.size() != reduced[0].size()) throw ValueError(message);
  }
  for (std::size_t d = 0; d < reduced[0].size(); ++d) {
    std::set<std::int64_t> known;
    for (const Shape& r : reduced) {
      if (r[d] >= 0) known.insert(r[d]);
    }
    if (known.size() > 1) throw ValueError(message);
  }
}

Tensor ConcatenateLayer::merge(const Tensors& inputs) const {
  return ops::concatenate(inputs, axis_);
}

Json ConcatenateLayer::get_config() const {
  Json config = Layer::get_config();
  config["axis"] = axis_;
  return config;
}

std::shared_ptr<ConcatenateLayer> ConcatenateLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Concatenate");
  return std::make_shared<ConcatenateLayer>(
      ConcatenateOptions{.axis = r.get<std::int64_t>("axis", -1),
                         .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
