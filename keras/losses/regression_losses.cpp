// Regression loss functions (Python: keras/src/losses/losses.py,
// mean_squared_error ... log_cosh). Each returns one value per sample (the
// last axis is reduced) and is differentiable with respect to y_pred.
#include <cmath>

#include "keras/losses/internal/loss_utils.h"
#include "keras/losses/losses.h"
#include "keras/ops/nn.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"

namespace keras::losses {

using internal::cast_to;
using internal::float_pred;
using internal::kEpsilon;
using internal::l2_normalize;
using internal::scalar_of;

namespace {

// y_pred as a float tensor and y_true in its dtype, at the same rank.
std::pair<Tensor, Tensor> prepare(const Tensor& y_true, const Tensor& y_pred) {
  const Tensor p = float_pred(y_pred);
  return squeeze_or_expand_to_same_rank(cast_to(y_true, p.dtype()), p);
}

}  // namespace

Tensor internal::l2_normalize(const Tensor& x, std::int64_t axis) {
  // Keras' ops.normalize(order=2): x * min(rsqrt(sum(x^2)), 1 / epsilon).
  const Tensor square_sum = ops::sum(ops::square(x), {axis}, /*keepdims=*/true);
  const Tensor inv_norm =
      ops::minimum(1.0 / ops::sqrt(square_sum), scalar_of(1.0 / kEpsilon, x));
  return x * inv_norm;
}

Tensor mean_squared_error(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = prepare(y_true, y_pred);
  return ops::mean(ops::square(t - p), {-1});
}

Tensor mean_absolute_error(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = prepare(y_true, y_pred);
  return ops::mean(ops::abs(t - p), {-1});
}

Tensor mean_absolute_percentage_error(const Tensor& y_true,
                                      const Tensor& y_pred) {
  auto [t, p] = prepare(y_true, y_pred);
  const Tensor diff =
      ops::abs((t - p) / ops::maximum(ops::abs(t), scalar_of(kEpsilon, p)));
  return 100.0 * ops::mean(diff, {-1});
}

Tensor mean_squared_logarithmic_error(const Tensor& y_true,
                                      const Tensor& y_pred) {
  auto [t, p] = prepare(y_true, y_pred);
  const Tensor eps = scalar_of(kEpsilon, p);
  const Tensor first_log = ops::log(ops::maximum(p, eps) + 1.0);
  const Tensor second_log = ops::log(ops::maximum(t, eps) + 1.0);
  return ops::mean(ops::square(first_log - second_log), {-1});
}

Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred,
                         std::int64_t axis) {
  auto [t, p] = prepare(y_true, y_pred);
  return -ops::sum(l2_normalize(t, axis) * l2_normalize(p, axis), {axis});
}

Tensor huber(const Tensor& y_true, const Tensor& y_pred, double delta) {
  auto [t, p] = prepare(y_true, y_pred);
  const Tensor d = scalar_of(delta, p);
  const Tensor error = p - t;
  const Tensor abs_error = ops::abs(error);
  const Tensor quadratic = 0.5 * ops::square(error);
  const Tensor linear = d * abs_error - 0.5 * ops::square(d);
  return ops::mean(ops::where(ops::less_equal(abs_error, d), quadratic, linear),
                   {-1});
}

Tensor log_cosh(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = prepare(y_true, y_pred);
  // log(cosh(x)) = x + softplus(-2x) - log(2), stable for large |x|.
  const Tensor x = p - t;
  return ops::mean(x + ops::softplus(x * -2.0) - std::log(2.0), {-1});
}

}  // namespace keras::losses
