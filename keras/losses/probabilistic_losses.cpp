// Probabilistic loss functions (Python: keras/src/losses/losses.py and the
// torch backend's nn.py crossentropies): binary / categorical / sparse
// categorical crossentropy, their focal variants, KL divergence, Poisson and
// the generalized crossentropy. One value per sample; differentiable with
// respect to y_pred.
#include "keras/core/error.h"
#include "keras/losses/internal/loss_utils.h"
#include "keras/losses/losses.h"
#include "keras/ops/nn.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"

namespace keras::losses {

using internal::cast_to;
using internal::float_pred;
using internal::kEpsilon;
using internal::scalar_of;

namespace {

void check_same_shape(const char* what, const Tensor& target,
                      const Tensor& output) {
  if (target.shape() != output.shape()) {
    throw ValueError(str(what,
                         ": Arguments `target` and `output` must have the same "
                         "shape. Received: target.shape=",
                         shape_str(target.shape()),
                         ", output.shape=", shape_str(output.shape())));
  }
}

void check_label_smoothing(double label_smoothing) {
  if (!(label_smoothing >= 0.0 && label_smoothing <= 1.0)) {
    throw ValueError(
        str("`label_smoothing` must be a float in the range [0, 1]. "
            "Received: label_smoothing=",
            label_smoothing));
  }
}

// Binary targets smoothed towards 0.5.
Tensor smooth_binary(Tensor target, double label_smoothing) {
  check_label_smoothing(label_smoothing);
  if (label_smoothing == 0) return target;
  return target * (1.0 - label_smoothing) + 0.5 * label_smoothing;
}

// One-hot targets smoothed towards 1 / num_classes.
Tensor smooth_categorical(Tensor target, double label_smoothing) {
  check_label_smoothing(label_smoothing);
  if (label_smoothing == 0 || target.ndim() == 0) return target;
  const double num_classes = static_cast<double>(target.shape().back());
  return target * (1.0 - label_smoothing) + label_smoothing / num_classes;
}

// Elementwise binary crossentropy of probabilities (the torch backend clips
// them to [eps, 1 - eps]).
Tensor binary_crossentropy_of_probs(const Tensor& target, const Tensor& p) {
  const Tensor clipped = ops::clip(p, kEpsilon, 1.0 - kEpsilon);
  return -(target * ops::log(clipped) +
           (1.0 - target) * ops::log(1.0 - clipped));
}

// log of the class probabilities along `axis`: log-softmax of logits, or
// the log of probabilities renormalised to sum to 1 and clipped.
Tensor log_probabilities(const Tensor& output, bool from_logits,
                         std::int64_t axis) {
  if (from_logits) return ops::log_softmax(output, axis);
  const Tensor p = output / ops::sum(output, {axis}, /*keepdims=*/true);
  return ops::log(ops::clip(p, kEpsilon, 1.0 - kEpsilon));
}

void check_rank_at_least_1(const Tensor& target, const Tensor& output) {
  if (target.ndim() < 1) {
    throw ValueError(str(
        "Arguments `target` and `output` must be at least rank 1. Received: "
        "target.shape=",
        shape_str(target.shape()),
        ", output.shape=", shape_str(output.shape())));
  }
}

// y_pred as a float tensor and the smoothed binary targets of its shape.
std::pair<Tensor, Tensor> binary_inputs(const char* what, const Tensor& y_true,
                                        const Tensor& y_pred,
                                        double label_smoothing) {
  const Tensor output = float_pred(y_pred);
  const Tensor target =
      smooth_binary(cast_to(y_true, output.dtype()), label_smoothing);
  check_same_shape(what, target, output);
  return {target, output};
}

// The same for one-hot targets (at least rank 1).
std::pair<Tensor, Tensor> categorical_inputs(const char* what,
                                             const Tensor& y_true,
                                             const Tensor& y_pred,
                                             double label_smoothing) {
  const Tensor output = float_pred(y_pred);
  const Tensor target =
      smooth_categorical(cast_to(y_true, output.dtype()), label_smoothing);
  check_same_shape(what, target, output);
  check_rank_at_least_1(target, output);
  return {target, output};
}

}  // namespace

Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                           bool from_logits, double label_smoothing,
                           std::int64_t axis) {
  const auto [target, output] =
      binary_inputs("binary_crossentropy", y_true, y_pred, label_smoothing);
  Tensor elementwise;
  if (from_logits) {
    // Stable sigmoid crossentropy: max(x, 0) - x * t + log(1 + exp(-|x|)).
    elementwise = ops::relu(output) - output * target +
                  ops::log1p(ops::exp(-ops::abs(output)));
  } else {
    elementwise = binary_crossentropy_of_probs(target, output);
  }
  return ops::mean(elementwise, {axis});
}

Tensor binary_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                 bool apply_class_balancing, double alpha,
                                 double gamma, bool from_logits,
                                 double label_smoothing, std::int64_t axis) {
  auto [target, output] = binary_inputs("binary_focal_crossentropy", y_true,
                                        y_pred, label_smoothing);
  if (from_logits) output = ops::sigmoid(output);
  const Tensor bce = binary_crossentropy_of_probs(target, output);
  // p_t: the probability given to the true class (unclipped, as Keras).
  const Tensor p_t = target * output + (1.0 - target) * (1.0 - output);
  Tensor focal = ops::power(1.0 - p_t, scalar_of(gamma, output)) * bce;
  if (apply_class_balancing) {
    focal = (target * alpha + (1.0 - target) * (1.0 - alpha)) * focal;
  }
  return ops::mean(focal, {axis});
}

Tensor categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                bool from_logits, double label_smoothing,
                                std::int64_t axis) {
  const auto [target, output] = categorical_inputs(
      "categorical_crossentropy", y_true, y_pred, label_smoothing);
  return -ops::sum(target * log_probabilities(output, from_logits, axis),
                   {axis});
}

Tensor categorical_focal_crossentropy(const Tensor& y_true,
                                      const Tensor& y_pred, double alpha,
                                      double gamma, bool from_logits,
                                      double label_smoothing,
                                      std::int64_t axis) {
  auto [target, output] = categorical_inputs("categorical_focal_crossentropy",
                                             y_true, y_pred, label_smoothing);
  if (from_logits) output = ops::softmax(output, axis);
  Tensor p = output / ops::sum(output, {axis}, /*keepdims=*/true);
  p = ops::clip(p, kEpsilon, 1.0 - kEpsilon);
  const Tensor cce = -target * ops::log(p);
  const Tensor modulating = ops::power(1.0 - p, scalar_of(gamma, p));
  return ops::sum(modulating * alpha * cce, {axis});
}

Tensor sparse_categorical_crossentropy(const Tensor& y_true,
                                       const Tensor& y_pred, bool from_logits,
                                       std::optional<std::int64_t> ignore_class,
                                       std::int64_t axis) {
  Tensor output = float_pred(y_pred);
  if (output.ndim() < 1) {
    throw ValueError(str(
        "Argument `output` must be at least rank 1. Received: output.shape=",
        shape_str(output.shape())));
  }
  const int class_axis = normalize_axis(axis, output.shape().size());
  Tensor target = y_true;
  if (target.ndim() == output.ndim() && target.shape()[class_axis] == 1) {
    target = ops::squeeze(target, {class_axis});
  }
  Shape expected = output.shape();
  expected.erase(expected.begin() + class_axis);
  if (target.shape() != expected) {
    throw ValueError(
        str("Arguments `target` and `output` must have the same shape up until "
            "the last dimension: target.shape=",
            shape_str(target.shape()),
            ", output.shape=", shape_str(output.shape())));
  }
  Tensor valid;
  if (ignore_class) {
    const Tensor ignore =
        Tensor::scalar(static_cast<double>(*ignore_class), target.dtype());
    valid = ops::not_equal(target, ignore);
    target = ops::where(valid, target, Tensor::scalar(0, target.dtype()));
    output = ops::where(ops::expand_dims(valid, class_axis), output,
                        Tensor::scalar(0, output.dtype()));
  }
  const Tensor log_prob = log_probabilities(output, from_logits, class_axis);
  // Labels arrive as floats from Loss.__call__; class ids are exact in float.
  const Tensor labels =
      ops::expand_dims(cast_to(target, DType::int64), class_axis);
  Tensor picked = ops::take_along_axis(log_prob, labels, class_axis);
  Tensor result = -ops::squeeze(picked, {class_axis});
  if (ignore_class) {
    result = ops::where(valid, result, Tensor::scalar(0, result.dtype()));
    losses::set_keras_mask(result, valid);
  }
  return result;
}

Tensor kl_divergence(const Tensor& y_true, const Tensor& y_pred) {
  const Tensor p = ops::clip(float_pred(y_pred), kEpsilon, 1.0);
  const Tensor t = ops::clip(cast_to(y_true, p.dtype()), kEpsilon, 1.0);
  return ops::sum(t * ops::log(t / p), {-1});
}

Tensor poisson(const Tensor& y_true, const Tensor& y_pred) {
  const Tensor p = float_pred(y_pred);
  const Tensor t = cast_to(y_true, p.dtype());
  return ops::mean(p - t * ops::log(p + kEpsilon), {-1});
}

Tensor categorical_generalized_cross_entropy(const Tensor& y_true,
                                             const Tensor& y_pred, double q) {
  check_generalized_cross_entropy_q(q);
  const Tensor p_all = float_pred(y_pred);
  if (p_all.ndim() < 1) {
    throw ValueError(
        str("categorical_generalized_cross_entropy: `y_pred` must "
            "be at least rank 1. Received: y_pred.shape=",
            shape_str(p_all.shape())));
  }
  const Tensor one_hot =
      cast_to(ops::one_hot(cast_to(y_true, DType::int64), p_all.shape().back(),
                           p_all.dtype()),
              p_all.dtype());
  const Tensor p = ops::sum(p_all * one_hot, {-1});
  return (1.0 - ops::power(p, scalar_of(q, p))) / q;
}

void check_generalized_cross_entropy_q(double q) {
  if (!(q > 0 && q < 1)) {
    throw ValueError(str("q must be in the interval (0, 1). Received: q=", q));
  }
}

}  // namespace keras::losses
