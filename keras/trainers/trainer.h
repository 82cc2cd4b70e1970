// File: keras/trainers/trainer.h
// -----------------------------------------------------------------------------
// compile / fit / evaluate / predict (Python: keras/src/trainers/trainer.py
// and the eager training loop of the torch backend). keras::Model inherits
// it; the trainer reaches the model only through the hooks at the bottom.
//
//   model.compile({.optimizer = std::make_shared<optimizers::Adam>(),
//                  .loss = "mean_squared_error"});
//   auto history = model.fit(x, y, {.batch_size = 32, .epochs = 2});
//   Tensor y_pred = model.predict(x);
// -----------------------------------------------------------------------------
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/backend/variable.h"
#include "keras/core/json.h"

namespace keras::optimizers {
class Optimizer;
}
namespace keras::losses {
class Loss;
}
namespace keras::metrics {
class Metric;
class Mean;
}  // namespace keras::metrics

namespace keras::trainers {

// An optimizer given by name ("adam") or as an object.
class OptimizerArg {
 public:
  OptimizerArg() = default;
  OptimizerArg(const char* identifier) : identifier_(identifier) {}
  OptimizerArg(std::string identifier) : identifier_(std::move(identifier)) {}
  template <class T>
  requires std::is_base_of_v<optimizers::Optimizer, T> OptimizerArg(
      std::shared_ptr<T> object)
      : object_(std::move(object)) {}

  // Resolves the name (Keras' optimizers.get) when needed.
  std::shared_ptr<optimizers::Optimizer> resolve() const;
  bool empty() const { return !object_ && identifier_.empty(); }

 private:
  std::string identifier_;
  std::shared_ptr<optimizers::Optimizer> object_;
};

// A loss or metric given by name ("mse", "accuracy") or as an object. The
// name is kept because Keras' compile_config records what was passed.
template <class T>
class ObjectArg {
 public:
  ObjectArg(const char* identifier) : identifier_(identifier) {}
  ObjectArg(std::string identifier) : identifier_(std::move(identifier)) {}
  template <class U>
  requires std::is_base_of_v<T, U> ObjectArg(std::shared_ptr<U> object)
      : object_(std::move(object)) {}

  const std::string& identifier() const { return identifier_; }
  const std::shared_ptr<T>& object() const { return object_; }

 private:
  std::string identifier_;
  std::shared_ptr<T> object_;
};

using LossArg = ObjectArg<losses::Loss>;
using MetricArg = ObjectArg<metrics::Metric>;

struct CompileOptions {
  OptimizerArg optimizer = "rmsprop";
  std::optional<LossArg> loss = std::nullopt;
  std::vector<MetricArg> metrics = {};
  std::optional<std::vector<double>> loss_weights = std::nullopt;
  bool run_eagerly = false;
  std::int64_t steps_per_execution = 1;
  bool jit_compile = false;
};

struct FitOptions {
  std::int64_t batch_size = 32;
  std::int64_t epochs = 1;
  int verbose = 1;  // 0 silent, 1 progress bar, 2 one line per epoch
  bool shuffle = true;
  double validation_split = 0.0;
  std::int64_t initial_epoch = 0;
  std::ostream* out = nullptr;  // default std::cout
};

struct EvaluateOptions {
  std::int64_t batch_size = 32;
  int verbose = 1;
  std::ostream* out = nullptr;
};

struct PredictOptions {
  std::int64_t batch_size = 32;
  int verbose = 0;
  std::ostream* out = nullptr;
};

// What fit() returns: per-epoch logs ("loss", "val_loss", metrics...).
struct History {
  std::vector<std::int64_t> epoch;
  std::map<std::string, std::vector<double>> history;
};

class Trainer {
 public:
  virtual ~Trainer();

  void compile(const CompileOptions& options);
  bool compiled() const { return compiled_; }
  const std::shared_ptr<optimizers::Optimizer>& optimizer() const {
    return optimizer_;
  }
  const std::shared_ptr<losses::Loss>& loss() const { return loss_; }

  History fit(const Tensors& x, const Tensors& y,
              const FitOptions& options = {});
  History fit(const Tensor& x, const Tensor& y, const FitOptions& options = {});
  // [loss, metrics...] (Keras' evaluate() list form).
  std::vector<double> evaluate(const Tensors& x, const Tensors& y,
                               const EvaluateOptions& options = {});
  std::vector<double> evaluate(const Tensor& x, const Tensor& y,
                               const EvaluateOptions& options = {});
  Tensors predict(const Tensors& x, const PredictOptions& options = {});
  Tensor predict(const Tensor& x, const PredictOptions& options = {});

  // One gradient step on one batch; returns the loss.
  double train_on_batch(const Tensors& x, const Tensors& y);

  // {} when not compiled (Keras 3.10+), else Keras' compile_config.
  Json get_compile_config() const;
  // Compiles from a compile_config (load_model(compile=true)).
  void compile_from_config(const Json& config);

 protected:
  // ---- hooks implemented by Model ----
  virtual Tensors trainer_forward(const Tensors& inputs, bool training) = 0;
  virtual Variables trainer_trainable_variables() const = 0;
  virtual Tensors trainer_regularization_losses() const = 0;
  virtual std::vector<std::string> trainer_output_names() const = 0;

 private:
  struct StepResult {
    double loss;
    std::int64_t batch_size;
  };
  StepResult train_step(const Tensors& x, const Tensors& y);
  Tensor compute_loss(const Tensors& y, const Tensors& y_pred);
  void update_metrics(const Tensors& y, const Tensors& y_pred);
  std::vector<std::pair<std::string, double>> logs() const;
  void reset_metrics();

  bool compiled_ = false;
  Json compile_config_;
  std::shared_ptr<optimizers::Optimizer> optimizer_;
  std::shared_ptr<losses::Loss> loss_;
  std::string loss_identifier_;  // as passed to compile(), if a string
  std::vector<std::shared_ptr<metrics::Metric>> metrics_;
  std::shared_ptr<metrics::Mean> loss_tracker_;
};

}  // namespace keras::trainers
