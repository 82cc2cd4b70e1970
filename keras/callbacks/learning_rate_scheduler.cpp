#include "keras/callbacks/learning_rate_scheduler.h"

#include <cmath>
#include <iostream>

#include "keras/core/error.h"
#include "keras/models/model.h"
#include "keras/optimizers/optimizer.h"
#include "keras/utils/json_utils.h"

namespace keras::callbacks {

LearningRateScheduler::LearningRateScheduler(Schedule schedule, int verbose)
    : schedule_(std::move(schedule)), verbose_(verbose) {
  if (!schedule_) {
    throw ValueError("LearningRateScheduler needs a `schedule` function.");
  }
}

void LearningRateScheduler::on_epoch_begin(std::int64_t epoch,
                                           const Logs& /*logs*/) {
  optimizers::Optimizer& optimizer = *model()->optimizer();
  const double lr = schedule_(epoch, optimizer.learning_rate());
  if (!std::isfinite(lr)) {
    throw ValueError(
        str("The output of the `schedule` function should be a "
            "finite float. Got: ",
            python_float_repr(lr)));
  }
  optimizer.set_learning_rate(lr);
  if (verbose_ > 0) {
    std::cout << "\nEpoch " << epoch + 1
              << ": LearningRateScheduler setting learning rate to "
              << python_float_repr(lr) << ".\n";
  }
}

void LearningRateScheduler::on_epoch_end(std::int64_t /*epoch*/, Logs& logs) {
  logs.set("learning_rate", model()->optimizer()->learning_rate());
}

}  // namespace keras::callbacks
