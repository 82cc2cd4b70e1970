#include "keras/callbacks/reduce_lr_on_plateau.h"

#include <algorithm>
#include <iostream>
#include <limits>

#include "keras/callbacks/monitor_callback.h"
#include "keras/core/error.h"
#include "keras/models/model.h"
#include "keras/optimizers/optimizer.h"
#include "keras/utils/json_utils.h"

namespace keras::callbacks {

ReduceLROnPlateau::ReduceLROnPlateau(const ReduceLROnPlateauOptions& options)
    : options_(options) {
  if (options_.factor >= 1.0) {
    throw ValueError(
        str("ReduceLROnPlateau does not support a factor >= 1.0. "
            "Received factor=",
            python_float_repr(options_.factor)));
  }
  if (options_.mode != "auto" && options_.mode != "min" &&
      options_.mode != "max") {
    warn(str("Learning rate reduction mode ", options_.mode,
             " is unknown, fallback to auto mode."));
    options_.mode = "auto";
  }
  reset();
}

void ReduceLROnPlateau::reset() {
  greater_ = options_.mode == "max" ||
             (options_.mode == "auto" &&
              options_.monitor.find("acc") != std::string::npos);
  best_ = greater_ ? -std::numeric_limits<double>::infinity()
                   : std::numeric_limits<double>::infinity();
  cooldown_counter_ = 0;
  wait_ = 0;
}

bool ReduceLROnPlateau::improved(double current) const {
  return greater_ ? current > best_ + options_.min_delta
                  : current < best_ - options_.min_delta;
}

void ReduceLROnPlateau::on_train_begin(const Logs& /*logs*/) { reset(); }

void ReduceLROnPlateau::on_epoch_end(std::int64_t epoch, Logs& logs) {
  optimizers::Optimizer& optimizer = *model()->optimizer();
  logs.set("learning_rate", optimizer.learning_rate());
  const std::optional<double> current = logs.get(options_.monitor);
  if (!current) {
    std::string keys;
    for (const auto& k : logs.keys()) keys += (keys.empty() ? "" : ",") + k;
    warn(str("Learning rate reduction is conditioned on metric `",
             options_.monitor,
             "` which is not available. Available metrics are: ", keys, "."));
    return;
  }
  if (in_cooldown()) {
    --cooldown_counter_;
    wait_ = 0;
  }
  if (improved(*current)) {
    best_ = *current;
    wait_ = 0;
  } else if (!in_cooldown()) {
    ++wait_;
    if (wait_ >= options_.patience) {
      const double old_lr = optimizer.learning_rate();
      if (old_lr > static_cast<double>(static_cast<float>(options_.min_lr))) {
        const double new_lr =
            std::max(old_lr * options_.factor, options_.min_lr);
        optimizer.set_learning_rate(new_lr);
        if (options_.verbose > 0) {
          std::cout << "\nEpoch " << epoch + 1
                    << ": ReduceLROnPlateau reducing learning rate to "
                    << python_float_repr(new_lr) << ".\n";
        }
        cooldown_counter_ = options_.cooldown;
        wait_ = 0;
      }
    }
  }
}

}  // namespace keras::callbacks
