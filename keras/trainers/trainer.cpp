#include "keras/trainers/trainer.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numeric>
#include <random>
#include <set>

#include "keras/backend/tensor_cache.h"
#include "keras/callbacks/callback_list.h"
#include "keras/losses/losses.h"
#include "keras/metrics/metrics.h"
#include "keras/models/model.h"
#include "keras/ops/ops.h"
#include "keras/optimizers/optimizers.h"
#include "keras/random/random.h"

namespace keras::trainers {

namespace {

void check_batch_size(std::int64_t batch_size) {
  if (batch_size <= 0) {
    throw ValueError(
        str("`batch_size` must be a positive integer. Received: batch_size=",
            batch_size));
  }
}

std::int64_t num_batches(std::int64_t n, std::int64_t batch_size,
                         std::optional<std::int64_t> steps) {
  const std::int64_t full = (n + batch_size - 1) / batch_size;
  return steps ? std::min(*steps, full) : full;
}

Tensors detached(const Tensors& ts) {
  Tensors out;
  for (const Tensor& t : ts) out.push_back(ops::stop_gradient(t));
  return out;
}

}  // namespace

std::shared_ptr<optimizers::Optimizer> OptimizerArg::resolve() const {
  if (object_) return object_;
  return optimizers::get(identifier_);
}

Trainer::Trainer() = default;
Trainer::~Trainer() = default;

Model* Trainer::self_model() { return dynamic_cast<Model*>(this); }

void Trainer::assert_compiled() const {
  if (!compiled_) {
    throw ValueError("You must call `compile()` before using the model.");
  }
}

// ---- compile ----

void Trainer::compile(const CompileOptions& options) {
  optimizer_ = options.optimizer.resolve();
  std::vector<std::string> output_names;
  try {
    output_names = trainer_output_names();
  } catch (const ValueError&) {
    // Subclassed models learn their outputs on the first call.
  }
  compile_loss_ = options.loss
                      ? std::make_unique<CompileLoss>(
                            options.loss, options.loss_weights, output_names)
                      : nullptr;
  compile_metrics_ =
      (options.metrics || options.weighted_metrics)
          ? std::make_unique<CompileMetrics>(
                options.metrics, options.weighted_metrics, output_names)
          : nullptr;
  loss_tracker_ = std::make_shared<metrics::Mean>("loss");
  stop_training = false;
  compile_config_ = {{"optimizer", optimizers::serialize(*optimizer_)},
                     {"loss", options.loss.to_config()},
                     {"loss_weights", options.loss_weights.to_config()},
                     {"metrics", options.metrics.to_config()},
                     {"weighted_metrics", options.weighted_metrics.to_config()},
                     {"run_eagerly", options.run_eagerly},
                     {"steps_per_execution", options.steps_per_execution},
                     {"jit_compile", options.jit_compile}};
  compiled_ = true;
}

Json Trainer::get_compile_config() const {
  return compiled_ ? compile_config_ : Json::object();
}

void Trainer::compile_from_config(const Json& config) {
  CompileOptions options;
  if (config.contains("optimizer") && !config["optimizer"].is_null()) {
    options.optimizer = optimizers::deserialize(config["optimizer"]);
  }
  options.loss = LossSpec::from_config(config.value("loss", Json(nullptr)));
  options.loss_weights =
      LossWeights::from_config(config.value("loss_weights", Json(nullptr)));
  options.metrics = MetricSpec::from_config(
      config.value("metrics", Json(nullptr)), "metrics");
  options.weighted_metrics = MetricSpec::from_config(
      config.value("weighted_metrics", Json(nullptr)), "weighted_metrics");
  options.run_eagerly = config.value("run_eagerly", false);
  if (config.contains("steps_per_execution") &&
      config["steps_per_execution"].is_number_integer()) {
    options.steps_per_execution = config["steps_per_execution"];
  }
  if (config.contains("jit_compile") && config["jit_compile"].is_boolean()) {
    options.jit_compile = config["jit_compile"];
  }
  compile(options);
  // Keep what the file said, so a re-save writes the same compile_config.
  for (const char* key :
       {"loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
        "steps_per_execution", "jit_compile"}) {
    if (config.contains(key)) compile_config_[key] = config[key];
  }
}

// ---- metrics ----

std::vector<std::shared_ptr<losses::Loss>> Trainer::losses_per_output() const {
  return compile_loss_ ? compile_loss_->losses()
                       : std::vector<std::shared_ptr<losses::Loss>>{};
}

std::vector<std::string> Trainer::metrics_names() const {
  std::vector<std::string> names;
  if (!compiled_) return names;
  names.push_back("loss");
  if (compile_metrics_) names.push_back("compile_metrics");
  if (compile_loss_) {
    for (const auto& m : compile_loss_->metrics()) names.push_back(m->name());
  }
  return names;
}

Logs Trainer::get_metrics_result() const {
  Logs logs;
  if (!compiled_) return logs;
  logs.set("loss", loss_tracker_->result().item());
  if (compile_metrics_ && compile_metrics_->built()) {
    for (const auto& [k, v] : compile_metrics_->result()) logs.set(k, v);
  }
  if (compile_loss_) {
    for (const auto& m : compile_loss_->metrics()) {
      logs.set(m->name(), m->result().item());
    }
  }
  return logs;
}

std::vector<std::shared_ptr<metrics::Metric>> Trainer::compiled_metrics()
    const {
  return compile_metrics_ ? compile_metrics_->metrics()
                          : std::vector<std::shared_ptr<metrics::Metric>>{};
}

void Trainer::reset_metrics() {
  if (loss_tracker_) loss_tracker_->reset_state();
  if (compile_metrics_) compile_metrics_->reset_state();
  if (compile_loss_) {
    for (const auto& m : compile_loss_->metrics()) m->reset_state();
  }
}

// Keras' _flatten_metrics_in_order: the names of metrics_names (compile
// metrics unprefixed) in order, then every other key sorted.
std::vector<double> Trainer::flatten_metrics_in_order(const Logs& logs) const {
  std::vector<std::string> order{"loss"};
  if (compile_metrics_) {
    for (const auto& m : compile_metrics_->metrics())
      order.push_back(m->name());
  }
  if (compile_loss_) {
    for (const auto& m : compile_loss_->metrics()) order.push_back(m->name());
  }
  std::vector<double> out;
  for (const std::string& name : order) {
    if (auto v = logs.get(name)) out.push_back(*v);
  }
  for (const auto& [key, value] : logs.sorted()) {
    if (std::find(order.begin(), order.end(), key) == order.end()) {
      out.push_back(value);
    }
  }
  return out;
}

// ---- data ----

Trainer::Prepared Trainer::prepare(
    const Data& x, const Data& y, const Data& sample_weight,
    const std::map<std::int64_t, double>& class_weight, bool need_y) const {
  Prepared p;
  p.x = x.flatten(trainer_input_names(), "input");
  if (p.x.empty()) throw ValueError("No input data provided (`x` is empty).");
  std::vector<std::string> output_names;
  if (y.is_named() || sample_weight.is_named()) {
    output_names = trainer_output_names();
  }
  p.y = y.flatten(output_names, "target");
  if (need_y && p.y.empty()) {
    throw ValueError("No target data provided (`y` is empty).");
  }
  p.sample_weight = sample_weight.flatten(output_names, "sample_weight");
  if (!class_weight.empty()) {
    if (!p.sample_weight.empty()) {
      throw ValueError(
          "You cannot `class_weight` and `sample_weight` at the same time.");
    }
    if (p.y.size() != 1) {
      throw ValueError(
          "`class_weight` is only supported for Models with a single "
          "output.");
    }
    p.sample_weight = {class_weight_to_sample_weights(p.y[0], class_weight)};
  }
  p.num_samples = check_data_cardinality(p.x, p.y, p.sample_weight);
  return p;
}

// ---- one step ----

Tensor Trainer::compute_loss(const Batch& batch, const Tensors& y_pred) {
  Tensor total;
  if (compile_loss_) {
    total = (*compile_loss_)(batch.y, y_pred, batch.sample_weight);
  }
  for (const Tensor& penalty : trainer_regularization_losses()) {
    const Tensor p = ops::sum(ops::cast(penalty, DType::float32));
    total = total.defined() ? total + p : p;
  }
  if (!total.defined()) {
    throw ValueError(
        "No loss to compute. Provide a `loss` argument in `compile()`.");
  }
  return total;
}

Logs Trainer::train_step(const Batch& batch) {
  const Variables vars = trainer_trainable_variables();
  Tensors y_pred = trainer_forward(batch.x, /*training=*/true);
  Tensor loss = compute_loss(batch, y_pred);
  Tensors sources;
  for (const auto& v : vars) sources.push_back(v->value());
  // Keras differentiates optimizer.scale_loss(loss) (loss scaling); the
  // optimizer unscales the gradients and the tracker sees the plain loss.
  Tensors grads = autograd::grad(optimizer_->scale_loss(loss), sources);
  {
    autograd::NoGradGuard no_grad;
    optimizer_->apply_gradients(grads, vars);
    loss_tracker_->update_state(ops::stop_gradient(loss),
                                Tensor::scalar(double(batch.x[0].dim(0))));
    if (compile_metrics_) {
      compile_metrics_->update_state(batch.y, detached(y_pred),
                                     batch.sample_weight);
    }
  }
  return get_metrics_result();
}

Logs Trainer::test_step(const Batch& batch) {
  autograd::NoGradGuard no_grad;
  Tensors y_pred = trainer_forward(batch.x, /*training=*/false);
  Tensor loss = compute_loss(batch, y_pred);
  loss_tracker_->update_state(loss, Tensor::scalar(double(batch.x[0].dim(0))));
  if (compile_metrics_) {
    compile_metrics_->update_state(batch.y, y_pred, batch.sample_weight);
  }
  return get_metrics_result();
}

// ---- fit ----

History Trainer::fit(const Data& x_in, const Data& y_in,
                     const FitOptions& options) {
  assert_compiled();
  // Each step's temporaries have the last step's sizes: reuse the buffers.
  const TensorCacheScope reuse_buffers;
  check_batch_size(options.batch_size);
  if (options.epochs < 0) {
    throw ValueError(
        str("`epochs` must be a non-negative integer. Received: "
            "epochs=",
            options.epochs));
  }
  if (!(options.validation_split >= 0.0 && options.validation_split < 1.0)) {
    throw ValueError(
        str("`validation_split` must be between 0 and 1, "
            "received: ",
            options.validation_split));
  }
  if (options.validation_freq <= 0) {
    throw ValueError(
        str("`validation_freq` must be a positive integer. "
            "Received: validation_freq=",
            options.validation_freq));
  }
  if (options.steps_per_epoch && *options.steps_per_epoch <= 0) {
    throw ValueError(
        str("`steps_per_epoch` must be a positive integer. "
            "Received: steps_per_epoch=",
            *options.steps_per_epoch));
  }
  Prepared train = prepare(x_in, y_in, options.sample_weight,
                           options.class_weight, /*need_y=*/true);
  std::optional<Prepared> val;
  if (!options.validation_data.empty()) {
    val = prepare(options.validation_data.x, options.validation_data.y,
                  options.validation_data.sample_weight, {}, true);
  } else if (options.validation_split > 0.0) {
    // Keras takes the validation split from the end, before shuffling.
    const std::int64_t n = train.num_samples;
    const auto split = static_cast<std::int64_t>(
        std::floor(double(n) * (1.0 - options.validation_split)));
    if (split == 0 || split == n) {
      throw ValueError(
          str("Training data contains ", n,
              " samples, which is not sufficient to split it into a validation "
              "and training set as specified by `validation_split=",
              options.validation_split,
              "`. Either provide more data, or a different value for the "
              "`validation_split` argument."));
    }
    val = Prepared{slice_rows(train.x, split, n), slice_rows(train.y, split, n),
                   slice_rows(train.sample_weight, split, n), n - split};
    train =
        Prepared{slice_rows(train.x, 0, split), slice_rows(train.y, 0, split),
                 slice_rows(train.sample_weight, 0, split), split};
  }

  const std::int64_t n = train.num_samples;
  const std::int64_t steps =
      num_batches(n, options.batch_size, options.steps_per_epoch);
  callbacks::CallbackList cbs(
      options.callbacks, self_model(),
      {.verbose = options.verbose, .epochs = options.epochs, .steps = steps},
      {.add_history = true,
       .add_progbar = options.verbose != 0,
       .out = options.out});

  stop_training = false;
  Logs training_logs, logs;
  cbs.on_train_begin({});
  for (std::int64_t epoch = options.initial_epoch; epoch < options.epochs;
       ++epoch) {
    reset_metrics();
    cbs.on_epoch_begin(epoch, {});
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    if (options.shuffle) {
      std::mt19937_64 engine(random::next_seed());
      std::shuffle(order.begin(), order.end(), engine);
    }
    for (std::int64_t step = 0; step < steps; ++step) {
      const std::int64_t lo = step * options.batch_size;
      const std::int64_t hi = std::min(n, lo + options.batch_size);
      const Tensor indices = Tensor::from_vector(
          std::vector<std::int64_t>(order.begin() + lo, order.begin() + hi),
          {hi - lo});
      cbs.on_train_batch_begin(step, {});
      logs =
          train_step({take_rows(train.x, indices), take_rows(train.y, indices),
                      take_rows(train.sample_weight, indices)});
      cbs.on_train_batch_end(step, logs);
      if (stop_training) break;
    }
    Logs epoch_logs = get_metrics_result();
    if (val && (epoch + 1) % options.validation_freq == 0) {
      const Logs val_logs = run_evaluation(
          *val, options.validation_batch_size.value_or(options.batch_size),
          std::nullopt, cbs);
      for (const auto& [k, v] : val_logs) epoch_logs.set("val_" + k, v);
    }
    cbs.on_epoch_end(epoch, epoch_logs);
    training_logs = epoch_logs;
    if (stop_training) break;
  }
  if (options.epochs > 0) {
    optimizer_->finalize_variable_values(trainer_trainable_variables());
  }
  cbs.on_train_end(training_logs);
  return *cbs.history();
}

// ---- evaluate ----

Logs Trainer::run_evaluation(const Prepared& data, std::int64_t batch_size,
                             std::optional<std::int64_t> steps_arg,
                             callbacks::Callback& cbs) {
  const std::int64_t n = data.num_samples;
  const std::int64_t steps = num_batches(n, batch_size, steps_arg);
  cbs.on_test_begin({});
  reset_metrics();
  Logs logs;
  for (std::int64_t step = 0; step < steps; ++step) {
    const std::int64_t lo = step * batch_size;
    const std::int64_t hi = std::min(n, lo + batch_size);
    cbs.on_test_batch_begin(step, {});
    logs = test_step({slice_rows(data.x, lo, hi), slice_rows(data.y, lo, hi),
                      slice_rows(data.sample_weight, lo, hi)});
    cbs.on_test_batch_end(step, logs);
  }
  // Keras' pythonify_logs: keys sorted.
  logs = get_metrics_result().sorted();
  cbs.on_test_end(logs);
  return logs;
}

Results Trainer::evaluate(const Data& x, const Data& y,
                          const EvaluateOptions& options) {
  assert_compiled();
  check_batch_size(options.batch_size);
  const Prepared data =
      prepare(x, y, options.sample_weight, {}, /*need_y=*/true);
  const std::int64_t steps =
      num_batches(data.num_samples, options.batch_size, options.steps);
  callbacks::CallbackList cbs(
      options.callbacks, self_model(),
      {.verbose = options.verbose, .epochs = 1, .steps = steps},
      {.add_progbar = options.verbose != 0, .out = options.out});
  const Logs logs =
      run_evaluation(data, options.batch_size, options.steps, cbs);
  return {flatten_metrics_in_order(logs), logs};
}

// ---- predict ----

Tensor Trainer::predict(const Tensor& x, const PredictOptions& options) {
  Tensors out = predict(Tensors{x}, options);
  if (out.size() != 1) {
    throw ValueError(str("The model has ", out.size(),
                         " outputs; use predict(Tensors) to get them all."));
  }
  return out[0];
}

Tensors Trainer::predict(const std::map<std::string, Tensor>& x,
                         const PredictOptions& options) {
  return predict(Data(x).flatten(trainer_input_names(), "input"), options);
}

Tensors Trainer::predict(const Tensors& x, const PredictOptions& options) {
  check_batch_size(options.batch_size);
  if (x.empty()) throw ValueError("No input data provided (`x` is empty).");
  const std::int64_t n = check_data_cardinality(x, {}, {});
  autograd::NoGradGuard no_grad;
  const std::int64_t steps = num_batches(n, options.batch_size, options.steps);
  callbacks::CallbackList cbs(
      options.callbacks, self_model(),
      {.verbose = options.verbose, .epochs = 1, .steps = steps},
      {.add_progbar = options.verbose != 0, .out = options.out});
  cbs.on_predict_begin({});
  std::vector<Tensors> batches;
  for (std::int64_t step = 0; step < steps; ++step) {
    const std::int64_t lo = step * options.batch_size;
    const std::int64_t hi = std::min(n, lo + options.batch_size);
    cbs.on_predict_batch_begin(step, {});
    batches.push_back(trainer_forward(slice_rows(x, lo, hi), false));
    cbs.on_predict_batch_end(step, {});
  }
  cbs.on_predict_end({});
  if (batches.empty()) return trainer_forward(x, false);
  if (batches.size() == 1) return batches[0];
  Tensors outputs;
  for (std::size_t k = 0; k < batches[0].size(); ++k) {
    Tensors parts;
    for (const Tensors& b : batches) parts.push_back(b[k]);
    outputs.push_back(ops::concatenate(parts, 0));
  }
  return outputs;
}

// ---- single batches ----

Results Trainer::train_on_batch(const Data& x, const Data& y,
                                const BatchOptions& options) {
  assert_compiled();
  const Prepared p =
      prepare(x, y, options.sample_weight, options.class_weight, true);
  const Logs logs = train_step({p.x, p.y, p.sample_weight}).sorted();
  return {flatten_metrics_in_order(logs), logs};
}

Results Trainer::test_on_batch(const Data& x, const Data& y,
                               const BatchOptions& options) {
  assert_compiled();
  if (!options.class_weight.empty()) {
    throw ValueError("test_on_batch() does not take `class_weight`.");
  }
  const Prepared p = prepare(x, y, options.sample_weight, {}, true);
  const Logs logs = test_step({p.x, p.y, p.sample_weight}).sorted();
  return {flatten_metrics_in_order(logs), logs};
}

Tensors Trainer::predict_on_batch(const Data& x) {
  const Tensors xs = x.flatten(trainer_input_names(), "input");
  if (xs.empty()) throw ValueError("No input data provided (`x` is empty).");
  autograd::NoGradGuard no_grad;
  return trainer_forward(xs, false);
}

}  // namespace keras::trainers
