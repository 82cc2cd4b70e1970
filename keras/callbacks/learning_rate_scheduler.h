// File: keras/callbacks/learning_rate_scheduler.h
// -----------------------------------------------------------------------------
// keras::callbacks::LearningRateScheduler (Python: keras/src/callbacks/
// learning_rate_scheduler.py): at the start of each epoch sets the
// optimizer's learning rate to schedule(epoch, current_lr); adds
// "learning_rate" to the epoch's logs.
//
//   auto sched = std::make_shared<LearningRateScheduler>(
//       [](std::int64_t epoch, double lr) {
//         return epoch < 10 ? lr : lr * std::exp(-0.1);
//       });
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <functional>

#include "keras/callbacks/callback.h"

namespace keras::callbacks {

class LearningRateScheduler : public Callback {
 public:
  using Schedule = std::function<double(std::int64_t epoch, double lr)>;

  explicit LearningRateScheduler(Schedule schedule, int verbose = 0);

  void on_epoch_begin(std::int64_t epoch, const Logs& logs) override;
  void on_epoch_end(std::int64_t epoch, Logs& logs) override;

 private:
  Schedule schedule_;
  int verbose_;
};

}  // namespace keras::callbacks
