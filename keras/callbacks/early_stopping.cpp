#include "keras/callbacks/early_stopping.h"

#include <cmath>
#include <iostream>
#include <limits>

#include "keras/models/model.h"

namespace keras::callbacks {

EarlyStopping::EarlyStopping(const EarlyStoppingOptions& options)
    : MonitorCallback("EarlyStopping", options.monitor, options.mode,
                      std::nullopt),
      options_(options) {
  set_min_delta(std::abs(options.min_delta));
}

void EarlyStopping::on_train_begin(const Logs& /*logs*/) {
  // Instances may be reused; `best` is kept, as in Keras.
  wait_ = 0;
  stopped_epoch_ = 0;
  best_weights_.reset();
  best_epoch_ = 0;
}

void EarlyStopping::on_epoch_end(std::int64_t epoch, Logs& logs) {
  if (!monitor_op_set()) {
    set_monitor_op();
    best_ = higher_is_better() ? -std::numeric_limits<double>::infinity()
                               : std::numeric_limits<double>::infinity();
  }
  const std::optional<double> current = logs.get(monitor_);
  if (!current) {
    warn(str("Early stopping conditioned on metric `", monitor_,
             "` which is not available. Available metrics are: ", [&] {
               std::string keys;
               for (const auto& k : logs.keys()) {
                 keys += (keys.empty() ? "" : ",") + k;
               }
               return keys;
             }()));
    return;
  }
  if (epoch < options_.start_from_epoch) return;
  if (options_.restore_best_weights && !best_weights_) {
    // Until something improves, the current weights are the best.
    best_weights_ = model()->get_weights();
    best_epoch_ = epoch;
  }
  ++wait_;
  if (is_improvement(*current, best_)) {
    best_ = *current;
    best_epoch_ = epoch;
    if (options_.restore_best_weights) best_weights_ = model()->get_weights();
    // Restart waiting only when the baseline is beaten too.
    if (!options_.baseline || is_improvement(*current, options_.baseline)) {
      wait_ = 0;
    }
    return;
  }
  if (wait_ >= options_.patience && epoch > 0) {
    stopped_epoch_ = epoch;
    model()->stop_training = true;
  }
}

void EarlyStopping::on_train_end(const Logs& /*logs*/) {
  if (stopped_epoch_ > 0 && options_.verbose > 0) {
    std::cout << "Epoch " << stopped_epoch_ + 1 << ": early stopping\n";
  }
  if (options_.restore_best_weights && best_weights_) {
    if (options_.verbose > 0) {
      std::cout << "Restoring model weights from the end of the best epoch: "
                << best_epoch_ + 1 << ".\n";
    }
    model()->set_weights(*best_weights_);
  }
}

}  // namespace keras::callbacks
