#include "keras/layers/merging/concatenate.h"

#include <algorithm>
#include <set>

#include "keras/ops/op_node.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

ConcatenateLayer::ConcatenateLayer(ConcatenateOptions options)
    : MergeLayer(std::move(options.base), "concatenate"), axis_(options.axis) {}

Tensors ConcatenateLayer::compute_mask(const Tensors& inputs,
                                       const Tensors& masks) const {
  if (std::none_of(masks.begin(), masks.end(),
                   [](const Tensor& m) { return m.defined(); })) {
    return {};
  }
  const Json one = Json::array({ops::op_tensor(0)});
  const Json bool_like = {{"dtype", "bool"}};
  Tensors parts;
  Json refs = Json::array();
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Tensor mask = i < masks.size() ? masks[i] : Tensor();
    if (!mask.defined()) {
      parts.push_back(ops::traced_op("OnesLike", bool_like, one, {inputs[i]}));
    } else if (mask.ndim() < inputs[i].ndim()) {
      const Tensor expanded =
          ops::traced_op("ExpandDims", {{"axis", -1}}, one, {mask});
      const Tensor zeros =
          ops::traced_op("ZerosLike", bool_like, one, {inputs[i]});
      parts.push_back(
          ops::traced_op("LogicalOr", Json::object(),
                         Json::array({ops::op_tensor(0), ops::op_tensor(1)}),
                         {expanded, zeros}));
    } else {
      parts.push_back(mask);
    }
    refs.push_back(ops::op_tensor(i));
  }
  const Tensor joined = ops::traced_op("Concatenate", {{"axis", axis_}},
                                       Json::array({refs}), parts);
  return {ops::traced_op("Any", {{"axis", -1}, {"keepdims", false}}, one,
                         {joined})};
}

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
