// File: keras/losses/losses.h
// -----------------------------------------------------------------------------
// Built-in losses (Python: keras/src/losses/losses.py and
// keras/src/losses/__init__.py): the loss functions, their class forms, and
// lookup / (de)serialization.
//
// Functions return per-sample values (the last axis is reduced):
//   mean_squared_error, mean_absolute_error, binary_crossentropy,
//   categorical_crossentropy, sparse_categorical_crossentropy.
// Classes (Loss subclasses, reducing to a scalar by default):
//   MeanSquaredError, MeanAbsoluteError, BinaryCrossentropy,
//   CategoricalCrossentropy, SparseCategoricalCrossentropy, and
//   LossFunctionWrapper (a named function with a reduction).
//
//   auto bce = std::make_shared<keras::losses::BinaryCrossentropy>(
//       keras::losses::BinaryCrossentropyOptions{.from_logits = true});
//   keras::Tensor value = (*bce)(y_true, logits);
//   auto mse = keras::losses::get("mse");   // the function, as a Loss
//
// Crossentropies follow Keras on the torch backend: probabilities are clipped
// to [1e-7, 1 - 1e-7] (categorical ones are first normalised to sum to 1),
// logits go through log-softmax / a stable sigmoid crossentropy; label
// smoothing is y * (1 - s) + s / num_classes (binary: + s / 2).
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "keras/losses/loss.h"

namespace keras::losses {

// ---- functions (per-sample values) ----
Tensor mean_squared_error(const Tensor& y_true, const Tensor& y_pred);
Tensor mean_absolute_error(const Tensor& y_true, const Tensor& y_pred);
Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                           bool from_logits = false,
                           double label_smoothing = 0.0,
                           std::int64_t axis = -1);
Tensor categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                bool from_logits = false,
                                double label_smoothing = 0.0,
                                std::int64_t axis = -1);
// Integer class ids of shape y_pred.shape without `axis` (or with a trailing
// 1); entries equal to `ignore_class` get loss 0 and are masked out of the
// reduction.
Tensor sparse_categorical_crossentropy(
    const Tensor& y_true, const Tensor& y_pred, bool from_logits = false,
    std::optional<std::int64_t> ignore_class = std::nullopt,
    std::int64_t axis = -1);

// ---- classes ----
using LossFn =
    std::function<Tensor(const Tensor& y_true, const Tensor& y_pred)>;

// A loss function with a reduction (Keras' LossFunctionWrapper). `fn_name`
// is the Keras function's name ("mean_squared_error"); `fn_kwargs` are the
// extra arguments baked into `fn`, written into the config.
class LossFunctionWrapper : public Loss {
 public:
  LossFunctionWrapper(std::string fn_name, LossFn fn,
                      Reduction reduction = "sum_over_batch_size",
                      std::string name = "", Json fn_kwargs = Json::object());

  // Squeezes/expands y_true and y_pred to the same rank, then calls fn.
  Tensor call(const Tensor& y_true, const Tensor& y_pred) const override;
  std::string class_name() const override { return "LossFunctionWrapper"; }
  // name, reduction, "fn" (function record), then the fn kwargs.
  Json get_config() const override;
  const std::string& fn_name() const { return fn_name_; }

  // True when this object stands for the bare Keras function (what
  // keras.losses.get("mse") returns): serialize() then writes the function
  // record {"module": "builtins", "class_name": "function", ...}.
  bool is_function() const { return is_function_; }
  void set_is_function(bool value) { is_function_ = value; }

 private:
  std::string fn_name_;
  LossFn fn_;
  Json fn_kwargs_;
  bool is_function_ = false;
};

struct MeanSquaredErrorOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "mean_squared_error";
};

class MeanSquaredError : public LossFunctionWrapper {
 public:
  explicit MeanSquaredError(const MeanSquaredErrorOptions& options = {});
  std::string class_name() const override { return "MeanSquaredError"; }
  Json get_config() const override { return Loss::get_config(); }
};

struct MeanAbsoluteErrorOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "mean_absolute_error";
};

class MeanAbsoluteError : public LossFunctionWrapper {
 public:
  explicit MeanAbsoluteError(const MeanAbsoluteErrorOptions& options = {});
  std::string class_name() const override { return "MeanAbsoluteError"; }
  Json get_config() const override { return Loss::get_config(); }
};

struct BinaryCrossentropyOptions {
  bool from_logits = false;
  double label_smoothing = 0.0;
  std::int64_t axis = -1;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "binary_crossentropy";
};

class BinaryCrossentropy : public LossFunctionWrapper {
 public:
  explicit BinaryCrossentropy(const BinaryCrossentropyOptions& options = {});
  std::string class_name() const override { return "BinaryCrossentropy"; }
  Json get_config() const override;
  const BinaryCrossentropyOptions& options() const { return options_; }

 private:
  BinaryCrossentropyOptions options_;
};

struct CategoricalCrossentropyOptions {
  bool from_logits = false;
  double label_smoothing = 0.0;
  std::int64_t axis = -1;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "categorical_crossentropy";
};

class CategoricalCrossentropy : public LossFunctionWrapper {
 public:
  explicit CategoricalCrossentropy(
      const CategoricalCrossentropyOptions& options = {});
  std::string class_name() const override { return "CategoricalCrossentropy"; }
  Json get_config() const override;
  const CategoricalCrossentropyOptions& options() const { return options_; }

 private:
  CategoricalCrossentropyOptions options_;
};

struct SparseCategoricalCrossentropyOptions {
  bool from_logits = false;
  std::optional<std::int64_t> ignore_class = std::nullopt;
  Reduction reduction = "sum_over_batch_size";
  std::int64_t axis = -1;
  std::string name = "sparse_categorical_crossentropy";
};

class SparseCategoricalCrossentropy : public LossFunctionWrapper {
 public:
  explicit SparseCategoricalCrossentropy(
      const SparseCategoricalCrossentropyOptions& options = {});
  std::string class_name() const override {
    return "SparseCategoricalCrossentropy";
  }
  // Keras writes name, reduction, from_logits, ignore_class (no axis).
  Json get_config() const override;
  const SparseCategoricalCrossentropyOptions& options() const {
    return options_;
  }

 private:
  SparseCategoricalCrossentropyOptions options_;
};

// ---- lookup and serialization ----

// Keras' losses.get(string): class names ("MeanSquaredError") give a new
// instance; function names and aliases ("mean_squared_error", "mse", "MSE",
// "mae", "MAE", "bce", "BCE", "binary_crossentropy",
// "categorical_crossentropy", "sparse_categorical_crossentropy") give the
// function as a LossFunctionWrapper named `identifier` (is_function()).
// Throws ValueError "Could not interpret loss identifier: ..." (or
// NotImplementedError for Keras losses keras.cpp does not have yet).
std::shared_ptr<Loss> get(const std::string& identifier);

// What compile() does with a loss string (Keras' compile_utils.get_loss):
// "crossentropy"/"ce" pick binary / sparse categorical / categorical
// crossentropy from the shapes of y_true and y_pred; other strings as get().
std::shared_ptr<Loss> get_compile_loss(const std::string& identifier,
                                       const Shape& y_true_shape,
                                       const Shape& y_pred_shape);

// A string (as get()), a function record {"class_name": "function",
// "config": "<name>", ...} or a class record {"module", "class_name",
// "config", "registered_name"} (resolved by class_name, not module).
std::shared_ptr<Loss> deserialize(const Json& record_or_string);

// A class record {"module": "keras.losses", "class_name", "config",
// "registered_name": null}, or the function record for is_function()
// wrappers.
Json serialize(const Loss& loss);

// {"module": "builtins", "class_name": "function", "config": fn_name,
//  "registered_name": "function"}.
Json function_record(const std::string& fn_name);

}  // namespace keras::losses

namespace keras::saving {
// keras.saving.get_registered_name for losses: the function name for bare
// functions ("mean_squared_error"), else the class name.
std::string get_registered_name(const losses::Loss& loss);
}  // namespace keras::saving
