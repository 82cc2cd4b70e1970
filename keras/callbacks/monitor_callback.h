// File: keras/callbacks/monitor_callback.h
// -----------------------------------------------------------------------------
// keras::callbacks::MonitorCallback (Python: keras/src/callbacks/
// monitor_callback.py): the part EarlyStopping and ModelCheckpoint share —
// a monitored log key, whether lower or higher is better ("min" / "max" /
// "auto"), and the best value so far.
//
// "auto" decides on the first epoch end: "loss" / "val_loss" are minimised;
// a compiled metric of that name is maximised when it is a score (accuracy,
// AUC, precision, recall, F1, R2, IoU) and minimised when it is an error or
// a loss; anything else is a ValueError asking for mode="min" or "max".
// -----------------------------------------------------------------------------
#pragma once

#include <optional>
#include <string>

#include "keras/callbacks/callback.h"

namespace keras::callbacks {

class MonitorCallback : public Callback {
 public:
  const std::string& monitor() const { return monitor_; }
  const std::string& mode() const { return mode_; }
  // The best monitored value so far (nullopt before any).
  const std::optional<double>& best() const { return best_; }

 protected:
  // `owner` names the callback in warnings and errors ("EarlyStopping").
  MonitorCallback(std::string owner, std::string monitor, std::string mode,
                  std::optional<double> initial_best);

  // Resolves "auto"; flips min_delta's sign for minimised quantities.
  void set_monitor_op();
  bool monitor_op_set() const { return op_set_; }
  bool higher_is_better() const { return greater_; }
  // monitor_op(current - min_delta, reference); true without a reference.
  bool is_improvement(double current, std::optional<double> reference) const;
  void set_min_delta(double min_delta) { min_delta_ = min_delta; }
  double min_delta() const { return min_delta_; }

  std::string owner_;
  std::string monitor_;
  std::string mode_;
  std::optional<double> best_;

 private:
  bool op_set_ = false;
  bool greater_ = false;
  double min_delta_ = 0.0;
};

// Prints Keras' "UserWarning"-style line on stderr.
void warn(const std::string& message);

}  // namespace keras::callbacks
