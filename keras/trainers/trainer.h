// File: keras/trainers/trainer.h
// -----------------------------------------------------------------------------
// compile / fit / evaluate / predict (Python: keras/src/trainers/trainer.py
// and the eager training loop of the torch backend). keras::Model inherits
// it; the trainer reaches the model only through the hooks at the bottom.
//
//   model.compile({.optimizer = std::make_shared<optimizers::Adam>(),
//                  .loss = "mean_squared_error", .metrics = {"mae"}});
//   auto history = model.fit(x, y, {.batch_size = 32, .epochs = 3,
//                                   .validation_split = 0.2});
//   history.history.at("val_loss");
//   auto scores = model.evaluate(x, y);     // scores[0], scores["mae"]
//   Tensor y_pred = model.predict(x);
//
// Multi-output models take loss / metric lists or dicts (compile_utils.h);
// data is a tensor, a list, or a name -> tensor map (data_adapter.h).
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/backend/variable.h"
#include "keras/callbacks/callback.h"
#include "keras/callbacks/history.h"
#include "keras/core/json.h"
#include "keras/trainers/compile_utils.h"
#include "keras/trainers/data_adapter.h"
#include "keras/trainers/logs.h"

namespace keras {
class Model;
}
namespace keras::optimizers {
class Optimizer;
}

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

struct CompileOptions {
  OptimizerArg optimizer = "rmsprop";
  LossSpec loss = {};
  MetricSpec metrics = {};
  LossWeights loss_weights = {};
  MetricSpec weighted_metrics = {};
  bool run_eagerly = false;
  std::int64_t steps_per_execution = 1;
  bool jit_compile = false;
};

using callbacks::CallbackPtr;
using callbacks::History;

struct FitOptions {
  std::int64_t batch_size = 32;
  std::int64_t epochs = 1;
  int verbose = 1;  // 0 silent, 1 progress bar, 2 one line per epoch
  std::vector<CallbackPtr> callbacks = {};
  bool shuffle = true;
  double validation_split = 0.0;        // taken from the end, before shuffling
  ValidationData validation_data = {};  // overrides validation_split
  std::map<std::int64_t, double> class_weight = {};
  Data sample_weight = {};
  std::int64_t initial_epoch = 0;
  std::optional<std::int64_t> steps_per_epoch = std::nullopt;
  std::optional<std::int64_t> validation_batch_size = std::nullopt;
  std::int64_t validation_freq = 1;
  std::ostream* out = nullptr;  // default std::cout
};

struct EvaluateOptions {
  std::int64_t batch_size = 32;
  int verbose = 1;
  Data sample_weight = {};
  std::optional<std::int64_t> steps = std::nullopt;
  std::vector<CallbackPtr> callbacks = {};
  std::ostream* out = nullptr;
};

struct PredictOptions {
  std::int64_t batch_size = 32;
  int verbose = 0;
  std::optional<std::int64_t> steps = std::nullopt;
  std::vector<CallbackPtr> callbacks = {};
  std::ostream* out = nullptr;
};

struct BatchOptions {
  Data sample_weight = {};
  std::map<std::int64_t, double> class_weight = {};
};

// What evaluate() / train_on_batch() / test_on_batch() return: Keras' list
// form (scores[0] is the loss) and its dict form (return_dict=True: keys
// sorted, scores["mae"]).
class Results {
 public:
  Results() = default;
  Results(std::vector<double> list, Logs dict)
      : list_(std::move(list)), dict_(std::move(dict)) {}

  const std::vector<double>& list() const { return list_; }
  const Logs& dict() const { return dict_; }
  double operator[](std::size_t i) const { return list_.at(i); }
  double operator[](const std::string& key) const { return dict_.at(key); }
  std::size_t size() const { return list_.size(); }
  std::vector<double>::const_iterator begin() const { return list_.begin(); }
  std::vector<double>::const_iterator end() const { return list_.end(); }
  operator std::vector<double>() const { return list_; }

 private:
  std::vector<double> list_;
  Logs dict_;
};

class Trainer {
 public:
  Trainer();
  virtual ~Trainer();

  void compile(const CompileOptions& options);
  bool compiled() const { return compiled_; }
  const std::shared_ptr<optimizers::Optimizer>& optimizer() const {
    return optimizer_;
  }
  // The resolved losses, one per output with a loss (empty before the first
  // batch when given as names that depend on the data).
  std::vector<std::shared_ptr<losses::Loss>> losses_per_output() const;
  // Keras' model.metrics_names: "loss", "compile_metrics" (when metrics
  // were given), then "<output>_loss" per output once built.
  std::vector<std::string> metrics_names() const;
  // Keras' get_metrics_result(): the current value of every metric.
  Logs get_metrics_result() const;
  void reset_metrics();
  // The metric objects compile() resolved (after the first batch), with
  // their own (unprefixed) names.
  std::vector<std::shared_ptr<metrics::Metric>> compiled_metrics() const;

  History fit(const Data& x, const Data& y, const FitOptions& options = {});
  Results evaluate(const Data& x, const Data& y,
                   const EvaluateOptions& options = {});
  Tensors predict(const Tensors& x, const PredictOptions& options = {});
  Tensor predict(const Tensor& x, const PredictOptions& options = {});
  Tensors predict(const std::map<std::string, Tensor>& x,
                  const PredictOptions& options = {});

  // One gradient step on one batch. As in Keras 3, metrics keep
  // accumulating across calls until reset_metrics().
  Results train_on_batch(const Data& x, const Data& y,
                         const BatchOptions& options = {});
  Results test_on_batch(const Data& x, const Data& y,
                        const BatchOptions& options = {});
  Tensors predict_on_batch(const Data& x);

  // {} when not compiled (Keras 3.10+), else Keras' compile_config.
  Json get_compile_config() const;
  // Compiles from a compile_config (load_model(compile=true)).
  void compile_from_config(const Json& config);

  // Set by callbacks (EarlyStopping, TerminateOnNaN) to end fit() after the
  // current batch / epoch; fit() clears it when it starts.
  bool stop_training = false;

 protected:
  // ---- hooks implemented by Model ----
  virtual Tensors trainer_forward(const Tensors& inputs, bool training) = 0;
  virtual Variables trainer_trainable_variables() const = 0;
  virtual Tensors trainer_regularization_losses() const = 0;
  virtual std::vector<std::string> trainer_output_names() const = 0;
  virtual std::vector<std::string> trainer_input_names() const { return {}; }

 private:
  struct Batch {
    Tensors x, y, sample_weight;
  };
  struct Prepared {
    Tensors x, y, sample_weight;
    std::int64_t num_samples;
  };
  Prepared prepare(const Data& x, const Data& y, const Data& sample_weight,
                   const std::map<std::int64_t, double>& class_weight,
                   bool need_y) const;
  Tensor compute_loss(const Batch& batch, const Tensors& y_pred);
  Logs train_step(const Batch& batch);
  Logs test_step(const Batch& batch);
  Logs run_evaluation(const Prepared& data, std::int64_t batch_size,
                      std::optional<std::int64_t> steps,
                      callbacks::Callback& callbacks);
  std::vector<double> flatten_metrics_in_order(const Logs& logs) const;
  void assert_compiled() const;
  Model* self_model();

  bool compiled_ = false;
  Json compile_config_;
  std::shared_ptr<optimizers::Optimizer> optimizer_;
  std::unique_ptr<CompileLoss> compile_loss_;
  std::unique_ptr<CompileMetrics> compile_metrics_;
  std::shared_ptr<metrics::Mean> loss_tracker_;
};

}  // namespace keras::trainers
