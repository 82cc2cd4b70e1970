#include "keras/layers/merging/dot.h"

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {

std::int64_t python_mod(std::int64_t a, std::int64_t n) {
  return ((a % n) + n) % n;
}

std::string axes_str(const std::vector<std::int64_t>& axes) {
  return axes.size() == 1 ? str(axes[0])
                          : str("[", axes[0], ", ", axes[1], "]");
}

// keras.utils.normalize (order 2) as Keras 3.15 computes it:
// x * min(rsqrt(sum(x^2)), 1 / epsilon).
Tensor l2_normalize(const Tensor& x, std::int64_t axis) {
  const Tensor inv_norm =
      1.0 / ops::sqrt(ops::sum(ops::square(x), {axis}, true));
  return x * ops::minimum(inv_norm, ops::scalar_like(1e7, x));
}

}  // namespace

Tensor batch_dot(const Tensor& x, const Tensor& y, std::int64_t a0,
                 std::int64_t a1) {
  const Shape& xs = x.shape();
  const Shape& ys = y.shape();
  if (xs.size() < 2 || ys.size() < 2) {
    throw ValueError(
        str("Cannot do batch_dot on inputs with rank < 2. "
            "Received inputs with shapes ",
            shape_str(xs), " and ", shape_str(ys), "."));
  }
  if (xs[0] >= 0 && ys[0] >= 0 && xs[0] != ys[0]) {
    throw ValueError(
        str("Cannot do batch_dot on inputs with different batch "
            "sizes. Received inputs with shapes ",
            shape_str(xs), " and ", shape_str(ys), "."));
  }
  const auto xr = static_cast<std::int64_t>(xs.size());
  const auto yr = static_cast<std::int64_t>(ys.size());
  if (a0 < 0) a0 += xr;
  if (a1 < 0) a1 += yr;
  if (a0 == 0 || a1 == 0) {
    throw ValueError(
        "Cannot perform batch_dot over axis 0. If your inputs are not "
        "batched, add a dummy batch dimension to your inputs using "
        "keras.ops.expand_dims(x, 0)");
  }
  if (a0 < 0 || a0 >= xr || a1 < 0 || a1 >= yr) {
    throw ValueError(str("batch_dot: axes=[", a0, ", ", a1,
                         "] are out of range for inputs with shapes ",
                         shape_str(xs), " and ", shape_str(ys), "."));
  }
  const std::int64_t k = xs[a0];
  if (k >= 0 && ys[a1] >= 0 && k != ys[a1]) {
    throw ValueError(str("Cannot do batch_dot on inputs with shapes ",
                         shape_str(xs), " and ", shape_str(ys), " with axes=[",
                         a0, ", ", a1, "]. x.shape[", a0, "] != y.shape[", a1,
                         "] (", k, " != ", ys[a1], ")."));
  }
  // Result: x's dims without a0, then y's without the batch and a1.
  Shape out = {xs[0] >= 0 ? xs[0] : ys[0]};
  Shape x_mid, y_rest;
  ops::Axes x_perm = {0}, y_perm = {0, a1};
  for (std::int64_t i = 1; i < xr; ++i) {
    if (i == a0) continue;
    x_mid.push_back(xs[i]);
    x_perm.push_back(i);
  }
  x_perm.push_back(a0);
  for (std::int64_t i = 1; i < yr; ++i) {
    if (i == a1) continue;
    y_rest.push_back(ys[i]);
    y_perm.push_back(i);
  }
  out.insert(out.end(), x_mid.begin(), x_mid.end());
  out.insert(out.end(), y_rest.begin(), y_rest.end());
  if (out.size() == 1) out.push_back(1);
  if (x.is_symbolic() || y.is_symbolic()) {
    return Tensor::symbolic(out, x.dtype());
  }
  // (B, M, K) @ (B, K, N) with M, N the flattened remaining dims.
  const std::int64_t batch = xs[0];
  const Tensor x3 =
      ops::reshape(ops::transpose(x, x_perm), {batch, shape_size(x_mid), k});
  const Tensor y3 =
      ops::reshape(ops::transpose(y, y_perm), {batch, k, shape_size(y_rest)});
  return ops::reshape(ops::matmul(x3, y3), out);
}

DotLayer::DotLayer(std::int64_t axes, DotOptions options)
    : MergeLayer(options.base, "dot"),
      axes_{axes},
      options_(std::move(options)) {}

DotLayer::DotLayer(std::array<std::int64_t, 2> axes, DotOptions options)
    : MergeLayer(options.base, "dot"),
      axes_{axes[0], axes[1]},
      options_(std::move(options)) {}

std::array<std::int64_t, 2> DotLayer::resolve_axes(std::size_t rank1,
                                                   std::size_t rank2) const {
  const auto r1 = static_cast<std::int64_t>(rank1);
  const auto r2 = static_cast<std::int64_t>(rank2);
  if (axes_.size() == 1) {
    const std::int64_t a = axes_[0];
    return a < 0 ? std::array{python_mod(a, r1), python_mod(a, r2)}
                 : std::array{a, a};
  }
  return {axes_[0] < 0 ? python_mod(axes_[0], r1) : axes_[0],
          axes_[1] < 0 ? python_mod(axes_[1], r2) : axes_[1]};
}

void DotLayer::build(const std::vector<Shape>& input_shapes) {
  if (input_shapes.size() != 2) {
    throw ValueError(
        str("A `Dot` layer should be called on a list of 2 "
            "inputs. Received: input_shape=",
            shapes_str(input_shapes)));
  }
  const Shape& s1 = input_shapes[0];
  const Shape& s2 = input_shapes[1];
  const auto [a0, a1] = resolve_axes(s1.size(), s2.size());
  if (a0 >= static_cast<std::int64_t>(s1.size()) ||
      a1 >= static_cast<std::int64_t>(s2.size())) {
    throw ValueError(str("Dot: axes=", axes_str(axes_),
                         " are out of range for input shapes ", shape_str(s1),
                         ", ", shape_str(s2)));
  }
  // Unknown dims are accepted (Keras compares None != 4 too and refuses).
  if (s1[a0] >= 0 && s2[a1] >= 0 && s1[a0] != s2[a1]) {
    throw ValueError(str("Incompatible input shapes: axis values ", s1[a0],
                         " (at axis ", a0, ") != ", s2[a1], " (at axis ", a1,
                         "). Full input shapes: ", shape_str(s1), ", ",
                         shape_str(s2)));
  }
}

Tensor DotLayer::merge(const Tensors& inputs) const {
  if (inputs.size() != 2) {
    throw ValueError(
        str("A `Dot` layer should be called on exactly 2 "
            "inputs. Received: inputs=",
            shapes_str(inputs)));
  }
  const auto [a0, a1] = resolve_axes(inputs[0].ndim(), inputs[1].ndim());
  Tensor x1 = inputs[0], x2 = inputs[1];
  if (options_.normalize) {
    x1 = l2_normalize(x1, a0);
    x2 = l2_normalize(x2, a1);
  }
  return batch_dot(x1, x2, a0, a1);
}

Json DotLayer::get_config() const {
  Json config = Layer::get_config();
  config["axes"] = axes_.size() == 1 ? Json(axes_[0]) : Json(axes_);
  config["normalize"] = options_.normalize;
  return config;
}

std::shared_ptr<DotLayer> DotLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "Dot");
  DotOptions o{.normalize = r.get("normalize", false),
               .base = layer_options_from_config(r)};
  const Json& axes = r.raw("axes");
  if (axes.is_array()) {
    const auto list = r.required<std::vector<std::int64_t>>("axes");
    if (list.size() != 2) {
      throw ValueError(
          str("Invalid format for argument `axes`: it should "
              "contain two elements. Received: axes=",
              saving::safe_dump(axes)));
    }
    return std::make_shared<DotLayer>(std::array{list[0], list[1]},
                                      std::move(o));
  }
  return std::make_shared<DotLayer>(r.required<std::int64_t>("axes"),
                                    std::move(o));
}

}  // namespace keras::layers
