#include "keras/trainers/trainer.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <numeric>
#include <random>

#include "keras/losses/losses.h"
#include "keras/metrics/metrics.h"
#include "keras/ops/ops.h"
#include "keras/optimizers/optimizers.h"
#include "keras/random/random.h"
#include "keras/utils/progbar.h"

namespace keras::trainers {

namespace {

// Rows [start, stop) of every tensor (the batch axis is 0).
Tensors slice_rows(const Tensors& xs, std::int64_t start, std::int64_t stop) {
  Tensors out;
  for (const Tensor& x : xs) out.push_back(ops::slice_axis(x, 0, start, stop));
  return out;
}

Tensors take_rows(const Tensors& xs, const Tensor& indices) {
  Tensors out;
  for (const Tensor& x : xs) out.push_back(ops::take(x, indices, 0));
  return out;
}

std::int64_t num_samples(const Tensors& xs, const char* what) {
  if (xs.empty()) throw ValueError(str("No ", what, " data provided."));
  const std::int64_t n = xs[0].ndim() > 0 ? xs[0].dim(0) : 0;
  for (const Tensor& x : xs) {
    if (x.ndim() == 0 || x.dim(0) != n) {
      throw ValueError(str("Data cardinality is ambiguous: all ", what,
                           " arrays must have the same number of samples "
                           "(first dimension). Received sizes ",
                           x.ndim() ? x.dim(0) : 0, " and ", n, "."));
    }
  }
  return n;
}

Json loss_record(const losses::Loss& loss) {
  return {{"module", "keras.losses"},
          {"class_name", loss.class_name()},
          {"config", loss.get_config()},
          {"registered_name", nullptr}};
}

std::ostream& out_or_cout(std::ostream* out) { return out ? *out : std::cout; }

}  // namespace

std::shared_ptr<optimizers::Optimizer> OptimizerArg::resolve() const {
  if (object_) return object_;
  return optimizers::get(identifier_);
}

Trainer::~Trainer() = default;

void Trainer::compile(const CompileOptions& options) {
  optimizer_ = options.optimizer.resolve();
  loss_ = nullptr;
  loss_identifier_.clear();
  Json loss_config = nullptr;
  if (options.loss) {
    if (options.loss->object()) {
      loss_ = options.loss->object();
      loss_config = loss_record(*loss_);
    } else {
      // "crossentropy"/"ce" depend on the data's shapes: resolved on the
      // first batch (compute_loss), as Keras' compile_utils does.
      loss_identifier_ = options.loss->identifier();
      if (loss_identifier_ != "crossentropy" && loss_identifier_ != "ce") {
        loss_ = losses::get(loss_identifier_);
      }
      loss_config = options.loss->identifier();
    }
  }
  metrics_.clear();
  Json metrics_config = nullptr;
  if (!options.metrics.empty()) metrics_config = Json::array();
  for (const MetricArg& m : options.metrics) {
    if (m.object()) {
      metrics_.push_back(m.object());
      metrics_config.push_back({{"module", "keras.metrics"},
                                {"class_name", m.object()->class_name()},
                                {"config", m.object()->get_config()},
                                {"registered_name", nullptr}});
    } else {
      metrics_.push_back(metrics::get_compile_metric(m.identifier()));
      metrics_config.push_back(m.identifier());
    }
  }
  loss_tracker_ = std::make_shared<metrics::Mean>("loss");
  compile_config_ = {
      {"optimizer", optimizers::serialize(*optimizer_)},
      {"loss", loss_config},
      {"loss_weights",
       options.loss_weights ? Json(*options.loss_weights) : Json(nullptr)},
      {"metrics", metrics_config},
      {"weighted_metrics", nullptr},
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
  const Json loss = config.value("loss", Json(nullptr));
  if (loss.is_string()) {
    options.loss = LossArg(loss.get<std::string>());
  } else if (loss.is_object()) {
    options.loss = LossArg(losses::deserialize(loss));
  } else if (!loss.is_null()) {
    throw NotImplementedError(
        "Losses given as lists or dicts (multi-output compile) are not "
        "supported yet.");
  }
  const Json metrics = config.value("metrics", Json(nullptr));
  if (metrics.is_array()) {
    for (const Json& m : metrics) {
      if (m.is_string()) {
        options.metrics.emplace_back(m.get<std::string>());
      } else if (m.is_object()) {
        options.metrics.emplace_back(metrics::deserialize(m));
      } else {
        throw NotImplementedError("Nested metric lists are not supported yet.");
      }
    }
  }
  compile(options);
  // Keep what the file said, so a re-save writes the same compile_config.
  for (const char* key :
       {"loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
        "steps_per_execution", "jit_compile"}) {
    if (config.contains(key)) compile_config_[key] = config[key];
  }
}

// ---- one step ----

Tensor Trainer::compute_loss(const Tensors& y, const Tensors& y_pred) {
  if (!loss_) {
    throw ValueError(
        "The model was compiled without a loss: pass `loss` to "
        "compile() before training or evaluating.");
  }
  if (y.size() != y_pred.size()) {
    throw ValueError(str("The model has ", y_pred.size(), " outputs but ",
                         y.size(), " target arrays were given."));
  }
  Tensor total = (*loss_)(y[0], y_pred[0]);
  for (std::size_t i = 1; i < y.size(); ++i) {
    total = total + (*loss_)(y[i], y_pred[i]);
  }
  for (const Tensor& penalty : trainer_regularization_losses()) {
    total = total + ops::cast(penalty, total.dtype());
  }
  return total;
}

void Trainer::update_metrics(const Tensors& y, const Tensors& y_pred) {
  for (const auto& metric : metrics_) metric->update_state(y[0], y_pred[0]);
}

Trainer::StepResult Trainer::train_step(const Tensors& x, const Tensors& y) {
  const Variables vars = trainer_trainable_variables();
  Tensors y_pred = trainer_forward(x, /*training=*/true);
  Tensor loss = compute_loss(y, y_pred);
  Tensors sources;
  for (const auto& v : vars) sources.push_back(v->value());
  Tensors grads = autograd::grad(loss, sources);
  {
    autograd::NoGradGuard no_grad;
    optimizer_->apply_gradients(grads, vars);
    Tensors detached;
    for (const Tensor& t : y_pred) detached.push_back(ops::stop_gradient(t));
    update_metrics(y, detached);
  }
  const std::int64_t batch = x[0].dim(0);
  loss_tracker_->update_state(ops::stop_gradient(loss),
                              Tensor::scalar(double(batch)));
  return {loss.item(), batch};
}

double Trainer::train_on_batch(const Tensors& x, const Tensors& y) {
  if (!compiled_) {
    throw ValueError("You must call `compile()` before using the model.");
  }
  reset_metrics();
  return train_step(x, y).loss;
}

std::vector<std::pair<std::string, double>> Trainer::logs() const {
  std::vector<std::pair<std::string, double>> out;
  out.emplace_back("loss", loss_tracker_->result().item());
  for (const auto& m : metrics_)
    out.emplace_back(m->name(), m->result().item());
  return out;
}

void Trainer::reset_metrics() {
  loss_tracker_->reset_state();
  for (const auto& m : metrics_) m->reset_state();
}

// ---- fit / evaluate / predict ----

History Trainer::fit(const Tensor& x, const Tensor& y,
                     const FitOptions& options) {
  return fit(Tensors{x}, Tensors{y}, options);
}

History Trainer::fit(const Tensors& x_all, const Tensors& y_all,
                     const FitOptions& options) {
  if (!compiled_) {
    throw ValueError("You must call `compile()` before using the model.");
  }
  if (options.batch_size <= 0) {
    throw ValueError(
        str("`batch_size` must be a positive integer. Received: "
            "batch_size=",
            options.batch_size));
  }
  if (!(options.validation_split >= 0.0 && options.validation_split < 1.0)) {
    throw ValueError(
        str("`validation_split` must be in [0, 1). Received: "
            "validation_split=",
            options.validation_split));
  }
  std::int64_t n = num_samples(x_all, "input");
  if (num_samples(y_all, "target") != n) {
    throw ValueError(str("Data cardinality is ambiguous: x has ", n,
                         " samples but y has ", y_all[0].dim(0), "."));
  }
  // Keras takes the validation split from the end, before shuffling.
  Tensors x = x_all, y = y_all, x_val, y_val;
  if (options.validation_split > 0.0) {
    const auto split =
        static_cast<std::int64_t>(double(n) * (1.0 - options.validation_split));
    x = slice_rows(x_all, 0, split);
    y = slice_rows(y_all, 0, split);
    x_val = slice_rows(x_all, split, n);
    y_val = slice_rows(y_all, split, n);
    n = split;
  }
  std::ostream& out = out_or_cout(options.out);
  const std::int64_t steps = (n + options.batch_size - 1) / options.batch_size;
  History history;
  for (std::int64_t epoch = options.initial_epoch; epoch < options.epochs;
       ++epoch) {
    reset_metrics();
    // Keras' ProgbarLogger names the epoch only when there are several.
    if (options.verbose != 0 && options.epochs > 1) {
      out << "Epoch " << epoch + 1 << "/" << options.epochs << "\n";
    }
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    if (options.shuffle) {
      std::mt19937_64 engine(random::next_seed());
      std::shuffle(order.begin(), order.end(), engine);
    }
    Progbar bar(steps, {.verbose = options.verbose, .out = &out});
    for (std::int64_t step = 0; step < steps; ++step) {
      const std::int64_t lo = step * options.batch_size;
      const std::int64_t hi = std::min(n, lo + options.batch_size);
      std::vector<std::int64_t> idx(order.begin() + lo, order.begin() + hi);
      const Tensor indices = Tensor::from_vector(idx, {hi - lo});
      train_step(take_rows(x, indices), take_rows(y, indices));
      if (options.verbose == 1) bar.update(step + 1, logs(), false);
    }
    auto epoch_logs = logs();
    if (!x_val.empty()) {
      const auto val = evaluate(
          x_val, y_val, {.batch_size = options.batch_size, .verbose = 0});
      epoch_logs.emplace_back("val_loss", val[0]);
      for (std::size_t i = 0; i < metrics_.size(); ++i) {
        epoch_logs.emplace_back("val_" + metrics_[i]->name(), val[i + 1]);
      }
    }
    if (options.verbose != 0) bar.update(steps, epoch_logs, true);
    history.epoch.push_back(epoch);
    for (const auto& [k, v] : epoch_logs) history.history[k].push_back(v);
  }
  optimizer_->finalize_variable_values(trainer_trainable_variables());
  return history;
}

std::vector<double> Trainer::evaluate(const Tensor& x, const Tensor& y,
                                      const EvaluateOptions& options) {
  return evaluate(Tensors{x}, Tensors{y}, options);
}

std::vector<double> Trainer::evaluate(const Tensors& x, const Tensors& y,
                                      const EvaluateOptions& options) {
  if (!compiled_) {
    throw ValueError("You must call `compile()` before using the model.");
  }
  const std::int64_t n = num_samples(x, "input");
  autograd::NoGradGuard no_grad;
  reset_metrics();
  const std::int64_t steps = (n + options.batch_size - 1) / options.batch_size;
  Progbar bar(steps,
              {.verbose = options.verbose, .out = &out_or_cout(options.out)});
  for (std::int64_t step = 0; step < steps; ++step) {
    const std::int64_t lo = step * options.batch_size;
    const std::int64_t hi = std::min(n, lo + options.batch_size);
    Tensors xb = slice_rows(x, lo, hi), yb = slice_rows(y, lo, hi);
    Tensors y_pred = trainer_forward(xb, false);
    Tensor loss = compute_loss(yb, y_pred);
    loss_tracker_->update_state(loss, Tensor::scalar(double(hi - lo)));
    update_metrics(yb, y_pred);
    if (options.verbose == 1) bar.update(step + 1, logs(), false);
  }
  if (options.verbose == 1) bar.update(steps, logs(), true);
  std::vector<double> result;
  for (const auto& [k, v] : logs()) result.push_back(v);
  return result;
}

Tensor Trainer::predict(const Tensor& x, const PredictOptions& options) {
  Tensors out = predict(Tensors{x}, options);
  if (out.size() != 1) {
    throw ValueError(str("The model has ", out.size(),
                         " outputs; use predict(Tensors) to get them all."));
  }
  return out[0];
}

Tensors Trainer::predict(const Tensors& x, const PredictOptions& options) {
  if (options.batch_size <= 0) {
    throw ValueError(
        str("`batch_size` must be a positive integer. Received: "
            "batch_size=",
            options.batch_size));
  }
  const std::int64_t n = num_samples(x, "input");
  autograd::NoGradGuard no_grad;
  const std::int64_t steps = (n + options.batch_size - 1) / options.batch_size;
  Progbar bar(steps,
              {.verbose = options.verbose, .out = &out_or_cout(options.out)});
  std::vector<Tensors> batches;
  for (std::int64_t step = 0; step < steps; ++step) {
    const std::int64_t lo = step * options.batch_size;
    const std::int64_t hi = std::min(n, lo + options.batch_size);
    batches.push_back(trainer_forward(slice_rows(x, lo, hi), false));
    if (options.verbose == 1) bar.update(step + 1, {}, false);
  }
  if (options.verbose == 1) bar.update(steps, {}, true);
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

}  // namespace keras::trainers
