// File: keras/losses/losses.h
// -----------------------------------------------------------------------------
// Built-in losses (Python: keras/src/losses/losses.py and
// keras/src/losses/__init__.py): the loss functions, their class forms, and
// lookup / (de)serialization.
//
// Functions return per-sample values (the last axis is reduced; dice and
// tversky reduce every axis by default): the regression, probabilistic,
// hinge and segmentation functions below, defined in
// regression_losses.cpp, probabilistic_losses.cpp and hinge_losses.cpp.
// Classes (Loss subclasses, reducing to a scalar by default): one per Keras
// loss class (MeanSquaredError ... CategoricalGeneralizedCrossEntropy), all
// BuiltinLoss objects, and LossFunctionWrapper (a named function with a
// reduction). CTC is in ctc.h.
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
#include <vector>

#include "keras/losses/loss.h"

namespace keras::losses {

// ---- functions (per-sample values) ----
// Regression (regression_losses.cpp).
Tensor mean_squared_error(const Tensor& y_true, const Tensor& y_pred);
Tensor mean_absolute_error(const Tensor& y_true, const Tensor& y_pred);
// 100 * mean(|y_true - y_pred| / max(|y_true|, eps)).
Tensor mean_absolute_percentage_error(const Tensor& y_true,
                                      const Tensor& y_pred);
// mean((log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1))^2).
Tensor mean_squared_logarithmic_error(const Tensor& y_true,
                                      const Tensor& y_pred);
// -sum(l2_normalize(y_true) * l2_normalize(y_pred)) along `axis`.
Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred,
                         std::int64_t axis = -1);
// Quadratic for |error| <= delta, linear beyond.
Tensor huber(const Tensor& y_true, const Tensor& y_pred, double delta = 1.0);
Tensor log_cosh(const Tensor& y_true, const Tensor& y_pred);

// Probabilistic (probabilistic_losses.cpp).
Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                           bool from_logits = false,
                           double label_smoothing = 0.0,
                           std::int64_t axis = -1);
Tensor binary_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                 bool apply_class_balancing = false,
                                 double alpha = 0.25, double gamma = 2.0,
                                 bool from_logits = false,
                                 double label_smoothing = 0.0,
                                 std::int64_t axis = -1);
Tensor categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                bool from_logits = false,
                                double label_smoothing = 0.0,
                                std::int64_t axis = -1);
Tensor categorical_focal_crossentropy(const Tensor& y_true,
                                      const Tensor& y_pred, double alpha = 0.25,
                                      double gamma = 2.0,
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
Tensor kl_divergence(const Tensor& y_true, const Tensor& y_pred);
Tensor poisson(const Tensor& y_true, const Tensor& y_pred);
// (1 - p^q) / q with p the probability of the integer label y_true;
// q in (0, 1).
Tensor categorical_generalized_cross_entropy(const Tensor& y_true,
                                             const Tensor& y_pred, double q);
// ValueError unless 0 < q < 1.
void check_generalized_cross_entropy_q(double q);

// Hinge (labels 0/1 are mapped to -1/1) and segmentation
// (hinge_losses.cpp). dice/tversky reduce `axis` (all axes when nullopt, so
// the result is a scalar, as in Keras).
Tensor hinge(const Tensor& y_true, const Tensor& y_pred);
Tensor squared_hinge(const Tensor& y_true, const Tensor& y_pred);
Tensor categorical_hinge(const Tensor& y_true, const Tensor& y_pred);
Tensor dice(
    const Tensor& y_true, const Tensor& y_pred,
    const std::optional<std::vector<std::int64_t>>& axis = std::nullopt);
Tensor tversky(
    const Tensor& y_true, const Tensor& y_pred, double alpha = 0.5,
    double beta = 0.5,
    const std::optional<std::vector<std::int64_t>>& axis = std::nullopt);

// Similarity (similarity_losses.cpp): the circle loss of L2-normalised
// embeddings y_pred (batch, dim) with integer labels y_true (batch,); the
// values are masked to the positive ones (Keras' mask), so the default
// reduction averages over them.
Tensor circle(const Tensor& y_true, const Tensor& y_pred, double gamma = 80.0,
              double margin = 0.4, bool remove_diagonal = true);

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
  // The keyword arguments of the function (for built-in classes: every
  // constructor argument besides name / reduction / dtype).
  const Json& fn_kwargs() const { return fn_kwargs_; }

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

// The function named `fn_name` (a Keras loss function name, not an alias)
// with keyword arguments `kwargs` ({"delta": 0.7}); TypeError for unknown
// arguments or wrong types, ValueError for bad values.
LossFn make_loss_function(const std::string& fn_name, const Json& kwargs);

// The built-in loss classes: a LossFunctionWrapper of the Keras function
// with the class' arguments; get_config() writes name, reduction and the
// arguments Keras' get_config lists (Huber and CosineSimilarity list none,
// so their delta / axis do not survive serialization, as in Keras 3.15).
class BuiltinLoss : public LossFunctionWrapper {
 public:
  // `arguments`: constructor arguments by Keras name; missing ones take
  // Keras' defaults. Throws for unknown classes / arguments, bad values.
  BuiltinLoss(const std::string& class_name, const Json& arguments,
              Reduction reduction, std::string name = "");
  std::string class_name() const override { return class_name_; }
  Json get_config() const override;

 private:
  std::string class_name_;
};

// Options of the built-in classes (Keras' constructor arguments).
struct MeanSquaredErrorOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "mean_squared_error";
};
struct MeanAbsoluteErrorOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "mean_absolute_error";
};
struct MeanAbsolutePercentageErrorOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "mean_absolute_percentage_error";
};
struct MeanSquaredLogarithmicErrorOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "mean_squared_logarithmic_error";
};
struct CosineSimilarityOptions {
  std::int64_t axis = -1;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "cosine_similarity";
};
struct HuberOptions {
  double delta = 1.0;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "huber_loss";
};
struct LogCoshOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "log_cosh";
};
struct HingeOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "hinge";
};
struct SquaredHingeOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "squared_hinge";
};
struct CategoricalHingeOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "categorical_hinge";
};
struct KLDivergenceOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "kl_divergence";
};
struct PoissonOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "poisson";
};
struct BinaryCrossentropyOptions {
  bool from_logits = false;
  double label_smoothing = 0.0;
  std::int64_t axis = -1;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "binary_crossentropy";
};
struct BinaryFocalCrossentropyOptions {
  bool apply_class_balancing = false;
  double alpha = 0.25;
  double gamma = 2.0;
  bool from_logits = false;
  double label_smoothing = 0.0;
  std::int64_t axis = -1;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "binary_focal_crossentropy";
};
struct CategoricalCrossentropyOptions {
  bool from_logits = false;
  double label_smoothing = 0.0;
  std::int64_t axis = -1;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "categorical_crossentropy";
};
struct CategoricalFocalCrossentropyOptions {
  double alpha = 0.25;
  double gamma = 2.0;
  bool from_logits = false;
  double label_smoothing = 0.0;
  std::int64_t axis = -1;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "categorical_focal_crossentropy";
};
struct SparseCategoricalCrossentropyOptions {
  bool from_logits = false;
  std::optional<std::int64_t> ignore_class = std::nullopt;
  Reduction reduction = "sum_over_batch_size";
  std::int64_t axis = -1;
  std::string name = "sparse_categorical_crossentropy";
};
struct DiceOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "dice";
  std::optional<std::vector<std::int64_t>> axis = std::nullopt;
};
struct TverskyOptions {
  double alpha = 0.5;
  double beta = 0.5;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "tversky";
  std::optional<std::vector<std::int64_t>> axis = std::nullopt;
};
struct CategoricalGeneralizedCrossEntropyOptions {
  double q = 0.5;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "categorical_generalized_cross_entropy";
};

struct CircleOptions {
  double gamma = 80.0;
  double margin = 0.4;
  bool remove_diagonal = true;
  Reduction reduction = "sum_over_batch_size";
  std::string name = "circle";
};

#define KERAS_BUILTIN_LOSS_CLASS(Name)                \
  class Name : public BuiltinLoss {                   \
   public:                                            \
    explicit Name(const Name##Options& options = {}); \
  };
KERAS_BUILTIN_LOSS_CLASS(MeanSquaredError)
KERAS_BUILTIN_LOSS_CLASS(MeanAbsoluteError)
KERAS_BUILTIN_LOSS_CLASS(MeanAbsolutePercentageError)
KERAS_BUILTIN_LOSS_CLASS(MeanSquaredLogarithmicError)
KERAS_BUILTIN_LOSS_CLASS(CosineSimilarity)
KERAS_BUILTIN_LOSS_CLASS(Huber)
KERAS_BUILTIN_LOSS_CLASS(LogCosh)
KERAS_BUILTIN_LOSS_CLASS(Hinge)
KERAS_BUILTIN_LOSS_CLASS(SquaredHinge)
KERAS_BUILTIN_LOSS_CLASS(CategoricalHinge)
KERAS_BUILTIN_LOSS_CLASS(KLDivergence)
KERAS_BUILTIN_LOSS_CLASS(Poisson)
KERAS_BUILTIN_LOSS_CLASS(BinaryCrossentropy)
KERAS_BUILTIN_LOSS_CLASS(BinaryFocalCrossentropy)
KERAS_BUILTIN_LOSS_CLASS(CategoricalCrossentropy)
KERAS_BUILTIN_LOSS_CLASS(CategoricalFocalCrossentropy)
KERAS_BUILTIN_LOSS_CLASS(SparseCategoricalCrossentropy)
KERAS_BUILTIN_LOSS_CLASS(Dice)
KERAS_BUILTIN_LOSS_CLASS(Tversky)
KERAS_BUILTIN_LOSS_CLASS(CategoricalGeneralizedCrossEntropy)
KERAS_BUILTIN_LOSS_CLASS(Circle)
#undef KERAS_BUILTIN_LOSS_CLASS

// ---- lookup and serialization ----

// Keras' losses.get(string): class names ("MeanSquaredError") give a new
// instance; function names and aliases ("mean_squared_error", "mse", "MSE",
// "mae", "MAE", "bce", "BCE", "binary_crossentropy",
// "categorical_crossentropy", "sparse_categorical_crossentropy") give the
// function as a LossFunctionWrapper named `identifier` (is_function()).
// Throws ValueError "Could not interpret loss identifier: ...".
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
