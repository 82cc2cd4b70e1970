#include "keras/losses/loss.h"

#include "keras/core/error.h"
#include "keras/ops/core.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"

namespace keras::losses {

namespace {

// Keras converts losses' inputs to floatx; float64 is kept (see loss.h).
Tensor to_loss_dtype(const Tensor& x) {
  if (x.dtype() == DType::float32 || x.dtype() == DType::float64) return x;
  return ops::cast(x, DType::float32);
}

// x / divisor, or 0 where divisor == 0 (Keras' divide_no_nan), without NaN
// gradients.
Tensor divide_no_nan(const Tensor& x, const Tensor& divisor) {
  Tensor zero = ops::zeros_like(divisor);
  Tensor is_zero = ops::equal(divisor, zero);
  Tensor safe = ops::where(is_zero, ops::ones_like(divisor), divisor);
  return ops::where(is_zero, ops::zeros_like(x), ops::divide(x, safe));
}

Tensor cast_like(const Tensor& x, DType dtype) {
  return x.dtype() == dtype ? x : ops::cast(x, dtype);
}

}  // namespace

Loss::~Loss() = default;

Loss::Loss(std::string name, Reduction reduction)
    : name_(std::move(name)), reduction_(standardize_reduction(reduction)) {}

Json Loss::get_config() const {
  Json config = Json::object();
  config["name"] = name_;
  config["reduction"] = reduction_ ? Json(*reduction_) : Json(nullptr);
  return config;
}

Tensor Loss::operator()(const Tensor& y_true, const Tensor& y_pred,
                        const Tensor& sample_weight) const {
  if (!y_true.defined() || !y_pred.defined()) {
    throw ValueError(str("Loss '", name_, "' needs y_true and y_pred."));
  }
  // Qualified: ADL on Tensor would also find keras::get_keras_mask (layer.h).
  const Tensor in_mask = losses::get_keras_mask(y_pred);
  const Tensor pred = to_loss_dtype(y_pred);
  const Tensor truth = to_loss_dtype(y_true);
  const Tensor values = call(truth, pred);
  const Tensor out_mask = losses::get_keras_mask(values);
  Tensor mask;
  if (in_mask.defined() && out_mask.defined()) {
    mask = ops::logical_and(cast_like(in_mask, DType::bool_),
                            cast_like(out_mask, DType::bool_));
  } else if (in_mask.defined()) {
    mask = in_mask;
  } else {
    mask = out_mask;
  }
  return reduce_weighted_values(values, sample_weight, mask, reduction_);
}

Reduction standardize_reduction(const Reduction& reduction) {
  if (!reduction) return reduction;
  for (const char* allowed : {"sum_over_batch_size", "sum", "none", "mean",
                              "mean_with_sample_weight"}) {
    if (*reduction == allowed) return reduction;
  }
  throw ValueError(
      str("Invalid value for argument `reduction`. Expected one of "
          "{'sum_over_batch_size', 'sum', None, 'none', 'mean', "
          "'mean_with_sample_weight'}. Received: reduction=",
          *reduction));
}

std::pair<Tensor, Tensor> squeeze_or_expand_to_same_rank(Tensor x1, Tensor x2,
                                                         bool expand_rank_1) {
  const auto r1 = x1.ndim();
  const auto r2 = x2.ndim();
  if (r1 == r2) return {x1, x2};
  if (r1 == r2 + 1 && x1.shape().back() == 1) {
    if (r2 == 1 && expand_rank_1) {
      x2 = ops::expand_dims(x2, -1);
    } else {
      x1 = ops::squeeze(x1, {-1});
    }
  }
  if (r2 == r1 + 1 && x2.shape().back() == 1) {
    if (r1 == 1 && expand_rank_1) {
      x1 = ops::expand_dims(x1, -1);
    } else {
      x2 = ops::squeeze(x2, {-1});
    }
  }
  return {x1, x2};
}

Tensor reduce_values(const Tensor& values, const Tensor& sample_weight,
                     const Reduction& reduction) {
  if (!reduction || *reduction == "none" || values.ndim() == 0 ||
      (values.ndim() == 1 && values.shape()[0] == 0)) {
    return values;
  }
  Tensor loss = ops::sum(values);
  if (*reduction == "sum") return loss;
  Tensor divisor;
  if (*reduction == "mean_with_sample_weight" && sample_weight.defined()) {
    divisor = cast_like(ops::sum(sample_weight), loss.dtype());
  } else {
    divisor = Tensor::scalar(static_cast<double>(values.size()), loss.dtype());
  }
  return divide_no_nan(loss, divisor);
}

Tensor apply_mask(const Tensor& sample_weight, const Tensor& mask, DType dtype,
                  const Reduction& reduction) {
  if (!mask.defined()) return sample_weight;
  Tensor float_mask;
  if (reduction &&
      (*reduction == "mean" || *reduction == "sum_over_batch_size")) {
    // Valid entries weigh total/valid, so that summing over the batch and
    // dividing by its size averages over the valid entries only.
    const Tensor bool_mask = cast_like(mask, DType::bool_);
    Tensor total = Tensor::scalar(static_cast<double>(mask.size()), dtype);
    Tensor valid = ops::sum(ops::cast(bool_mask, dtype));
    Tensor mask_weight = divide_no_nan(total, valid);
    float_mask = ops::where(bool_mask, mask_weight, Tensor::scalar(0, dtype));
  } else {
    float_mask = ops::cast(mask, dtype);
  }
  if (!sample_weight.defined()) return float_mask;
  auto [m, w] = squeeze_or_expand_to_same_rank(float_mask,
                                               cast_like(sample_weight, dtype));
  return ops::multiply(w, m);
}

Tensor reduce_weighted_values(const Tensor& values, const Tensor& sample_weight,
                              const Tensor& mask, const Reduction& reduction) {
  standardize_reduction(reduction);
  Tensor v = values;
  Tensor w = apply_mask(sample_weight, mask, v.dtype(), reduction);
  if (w.defined()) {
    w = cast_like(w, v.dtype());
    auto [v2, w2] = squeeze_or_expand_to_same_rank(v, w);
    v = ops::multiply(v2, w2);
    w = w2;
  }
  return reduce_values(v, w, reduction);
}

Tensor get_keras_mask(const Tensor& x) {
  if (!x.defined() || !x.get()->keras_mask) return Tensor();
  return Tensor(x.get()->keras_mask);
}

void set_keras_mask(const Tensor& x, const Tensor& mask) {
  x.get()->keras_mask = mask.defined() ? mask.shared() : nullptr;
}

}  // namespace keras::losses
