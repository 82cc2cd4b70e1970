#include "keras/layers/merging/merge.h"

#include <algorithm>
#include <set>

#include "keras/ops/op_node.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

std::string shapes_str(const std::vector<Shape>& shapes) {
  std::string out = "[";
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    out += (i ? ", " : "") + shape_str(shapes[i]);
  }
  return out + "]";
}

std::string shapes_str(const Tensors& tensors) {
  std::vector<Shape> shapes;
  for (const Tensor& t : tensors) shapes.push_back(t.shape());
  return shapes_str(shapes);
}

Tensor fold_inputs(const Tensors& inputs,
                   Tensor (*op)(const Tensor&, const Tensor&)) {
  Tensor out = inputs.at(0);
  for (std::size_t i = 1; i < inputs.size(); ++i) out = op(out, inputs[i]);
  return out;
}

LayerOptions merge_options_from_config(const Json& config,
                                       const std::string& class_name) {
  return layer_options_from_config(saving::ConfigReader(config, class_name));
}

namespace {

// Keras' _compute_elemwise_op_output_shape on shapes without the batch
// axis: right-aligned broadcasting where unknown dims stay unknown.
Shape elementwise_shape(const Shape& a, const Shape& b) {
  if (a.size() < b.size()) return elementwise_shape(b, a);
  Shape out(a.begin(), a.end() - b.size());
  for (std::size_t k = 0; k < b.size(); ++k) {
    const std::int64_t i = a[a.size() - b.size() + k], j = b[k];
    if (i < 0 || j < 0) {
      out.push_back(-1);
    } else if (i == 1) {
      out.push_back(j);
    } else if (j == 1 || i == j) {
      out.push_back(i);
    } else {
      throw ValueError(str("Inputs have incompatible shapes. Received shapes ",
                           shape_str(a), " and ", shape_str(b)));
    }
  }
  return out;
}

}  // namespace

MergeLayer::MergeLayer(LayerOptions base, const std::string& base_name)
    : Layer(std::move(base), base_name) {
  set_supports_masking(true);
}

Tensors MergeLayer::compute_mask(const Tensors&, const Tensors& masks) const {
  if (masks.empty() ||
      std::any_of(masks.begin(), masks.end(),
                  [](const Tensor& m) { return !m.defined(); })) {
    return {};
  }
  Tensor out = masks[0];
  for (std::size_t i = 1; i < masks.size(); ++i) {
    out = ops::traced_op("LogicalOr", Json::object(),
                         Json::array({ops::op_tensor(0), ops::op_tensor(1)}),
                         {out, masks[i]});
  }
  return {out};
}

void MergeLayer::build(const std::vector<Shape>& input_shapes) {
  if (input_shapes.empty()) {
    throw ValueError(
        "A merge layer should be called on a list of at least 1 input. "
        "Received 0 inputs. Full input_shape received: []");
  }
  std::set<std::int64_t> batch_sizes;
  for (const Shape& s : input_shapes) {
    if (!s.empty() && s[0] >= 0) batch_sizes.insert(s[0]);
  }
  if (batch_sizes.size() > 1) {
    throw ValueError(
        str("Cannot merge tensors with different batch sizes. "
            "Received tensors with shapes ",
            shapes_str(input_shapes)));
  }
  const auto non_batch = [](const Shape& s) {
    return Shape(s.begin() + (s.empty() ? 0 : 1), s.end());
  };
  Shape out = non_batch(input_shapes[0]);
  for (std::size_t i = 1; i < input_shapes.size(); ++i) {
    out = elementwise_shape(out, non_batch(input_shapes[i]));
  }
  reshape_required_ = std::any_of(
      input_shapes.begin(), input_shapes.end(),
      [&](const Shape& s) { return s.size() != input_shapes[0].size(); });
}

Tensors MergeLayer::call(const Tensors& inputs, const CallContext&) {
  if (!reshape_required_) return {merge(inputs)};
  std::int64_t max_ndim = 0;
  for (const Tensor& x : inputs) max_ndim = std::max(max_ndim, x.ndim());
  Tensors aligned;
  for (Tensor x : inputs) {
    while (x.ndim() < max_ndim) x = ops::expand_dims(x, 1);
    aligned.push_back(x);
  }
  return {merge(aligned)};
}

}  // namespace keras::layers
