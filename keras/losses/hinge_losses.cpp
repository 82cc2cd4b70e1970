// Hinge and segmentation loss functions (Python: keras/src/losses/losses.py:
// hinge, squared_hinge, categorical_hinge, dice, tversky).
#include "keras/losses/internal/loss_utils.h"
#include "keras/losses/losses.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"

namespace keras::losses {

using internal::cast_to;
using internal::float_pred;
using internal::kEpsilon;

namespace {

// Keras' convert_binary_labels_to_hinge: labels that are all 0/1 become
// -1/1; other labels are used as given. Labels carry no gradient, so the
// data-dependent choice is made on the concrete values.
Tensor hinge_labels(const Tensor& y_true) {
  if (y_true.is_symbolic() || y_true.size() == 0) return y_true;
  const Tensor zero = Tensor::scalar(0, y_true.dtype());
  const Tensor one = Tensor::scalar(1, y_true.dtype());
  const Tensor binary = ops::all(
      ops::logical_or(ops::equal(y_true, zero), ops::equal(y_true, one)));
  return binary.item() != 0 ? 2.0 * y_true - 1.0 : y_true;
}

// max(1 - y_true * y_pred, 0) with Keras' label conversion.
Tensor hinge_margin(const Tensor& y_true, const Tensor& y_pred) {
  const Tensor p = float_pred(y_pred);
  const Tensor t = hinge_labels(cast_to(y_true, p.dtype()));
  return ops::maximum(1.0 - t * p, Tensor::scalar(0, p.dtype()));
}

ops::Axes axes_or_all(const std::optional<ops::Axes>& axis, const Tensor& x) {
  if (axis) return *axis;
  ops::Axes all(static_cast<std::size_t>(x.ndim()));
  for (std::size_t i = 0; i < all.size(); ++i) {
    all[i] = static_cast<std::int64_t>(i);
  }
  return all;
}

}  // namespace

Tensor hinge(const Tensor& y_true, const Tensor& y_pred) {
  return ops::mean(hinge_margin(y_true, y_pred), {-1});
}

Tensor squared_hinge(const Tensor& y_true, const Tensor& y_pred) {
  return ops::mean(ops::square(hinge_margin(y_true, y_pred)), {-1});
}

Tensor categorical_hinge(const Tensor& y_true, const Tensor& y_pred) {
  const Tensor p = float_pred(y_pred);
  const Tensor t = cast_to(y_true, p.dtype());
  const Tensor pos = ops::sum(t * p, {-1});
  const Tensor neg = ops::max((1.0 - t) * p, {-1});
  return ops::maximum(neg - pos + 1.0, Tensor::scalar(0, p.dtype()));
}

Tensor dice(const Tensor& y_true, const Tensor& y_pred,
            const std::optional<ops::Axes>& axis) {
  const Tensor p = float_pred(y_pred);
  const Tensor t = cast_to(y_true, p.dtype());
  const ops::Axes axes = axes_or_all(axis, p);
  const Tensor intersection = ops::sum(t * p, axes);
  const Tensor score =
      (2.0 * intersection) / (ops::sum(t, axes) + ops::sum(p, axes) + kEpsilon);
  return 1.0 - score;
}

Tensor tversky(const Tensor& y_true, const Tensor& y_pred, double alpha,
               double beta, const std::optional<ops::Axes>& axis) {
  const Tensor p = float_pred(y_pred);
  const Tensor t = cast_to(y_true, p.dtype());
  const ops::Axes axes = axes_or_all(axis, p);
  const Tensor intersection = ops::sum(t * p, axes);
  const Tensor fp = ops::sum((1.0 - p) * t, axes);
  const Tensor fn = ops::sum(p * (1.0 - t), axes);
  const Tensor score =
      intersection / (intersection + fp * alpha + fn * beta + kEpsilon);
  return 1.0 - score;
}

}  // namespace keras::losses
