// File: keras/losses/loss.h
// -----------------------------------------------------------------------------
// keras::losses::Loss: the base class of losses (Python: keras.losses.Loss,
// keras/src/losses/loss.py), and the reduction helpers Keras' losses and
// metrics share (reduce_weighted_values, apply_mask,
// squeeze_or_expand_to_same_rank).
//
// loss(y_true, y_pred, sample_weight) = reduce(call(y_true, y_pred) * weight):
//   * call() returns per-sample values (e.g. (batch,) for MSE on (batch, d));
//   * sample_weight (optional) is squeezed/expanded to the values' rank and
//     multiplied in, broadcasting like NumPy;
//   * a Keras mask on y_pred or on the values excludes entries (for
//     "sum_over_batch_size"/"mean" the valid entries are re-weighted by
//     total/valid, so the result is the mean over valid entries);
//   * reduction: "sum_over_batch_size" (default) and "mean" divide the sum by
//     the number of values, "mean_with_sample_weight" by the sum of the
//     weights, "sum" sums, "none" / std::nullopt (Python None) returns the
//     values.
// Inputs are converted to float32 (Keras' floatx) before call(); float64
// inputs stay float64 so that gradient checks can run in double precision.
//
//   keras::losses::MeanSquaredError mse;          // see losses.h
//   Tensor value = mse(y_true, y_pred);           // scalar, differentiable
// -----------------------------------------------------------------------------
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "keras/backend/tensor.h"
#include "keras/core/json.h"

namespace keras::losses {

// A Keras reduction name; std::nullopt is Python's None (no reduction).
using Reduction = std::optional<std::string>;

class Loss {
 public:
  virtual ~Loss();

  // Per-sample values reduced with `sample_weight` (may be undefined) and
  // any Keras mask. Differentiable with respect to y_pred.
  Tensor operator()(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) const;
  // The unreduced values, one per sample (per-sample loss).
  virtual Tensor call(const Tensor& y_true, const Tensor& y_pred) const = 0;

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }
  const Reduction& reduction() const { return reduction_; }
  // Keras' class name ("MeanSquaredError").
  virtual std::string class_name() const = 0;
  // {"name": ..., "reduction": ...}; subclasses add their arguments.
  virtual Json get_config() const;

 protected:
  // Validates `reduction` (ValueError naming the allowed values).
  Loss(std::string name, Reduction reduction);

 private:
  std::string name_;
  Reduction reduction_;
};

// Returns `reduction` if Keras allows it, else throws ValueError.
Reduction standardize_reduction(const Reduction& reduction);

// Keras' squeeze_or_expand_to_same_rank: when the ranks differ by one and
// the longer one ends in 1, squeezes that axis (or, with expand_rank_1 and a
// rank-1 other operand, expands the other one).
std::pair<Tensor, Tensor> squeeze_or_expand_to_same_rank(
    Tensor x1, Tensor x2, bool expand_rank_1 = true);

// Keras' reduce_values (no weighting): see the file comment.
Tensor reduce_values(const Tensor& values, const Tensor& sample_weight,
                     const Reduction& reduction);

// Keras' reduce_weighted_values: merges `mask` into `sample_weight`,
// weights `values`, reduces.
Tensor reduce_weighted_values(const Tensor& values, const Tensor& sample_weight,
                              const Tensor& mask, const Reduction& reduction);

// Keras' apply_mask: folds a boolean `mask` into `sample_weight` (either may
// be undefined); for "sum_over_batch_size"/"mean" valid entries get weight
// total/valid.
Tensor apply_mask(const Tensor& sample_weight, const Tensor& mask, DType dtype,
                  const Reduction& reduction);

// The Keras mask attached to a tensor (undefined if none), and attaching one.
Tensor get_keras_mask(const Tensor& x);
void set_keras_mask(const Tensor& x, const Tensor& mask);

}  // namespace keras::losses
