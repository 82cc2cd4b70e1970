#include "keras/callbacks/monitor_callback.h"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "keras/core/error.h"
#include "keras/metrics/metric.h"
#include "keras/models/model.h"

namespace keras::callbacks {

namespace {

bool contains(const std::string& s, const char* part) {
  return s.find(part) != std::string::npos;
}

// Keras metrics carry a `_direction`; keras.cpp infers it from the class.
std::optional<bool> metric_is_score(const std::string& class_name) {
  std::string c = class_name;
  std::transform(c.begin(), c.end(), c.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  for (const char* up :
       {"accuracy", "auc", "precision", "recall", "f1score", "fbetascore",
        "r2score", "iou", "truepositives", "truenegatives", "cosinesimilarity",
        "sensitivity", "specificity"}) {
    if (contains(c, up)) return true;
  }
  for (const char* down :
       {"error", "crossentropy", "hinge", "divergence", "poisson", "logcosh",
        "falsepositives", "falsenegatives", "loss"}) {
    if (contains(c, down)) return false;
  }
  return std::nullopt;
}

}  // namespace

void warn(const std::string& message) {
  std::cerr << "UserWarning: " << message << "\n";
}

MonitorCallback::MonitorCallback(std::string owner, std::string monitor,
                                 std::string mode,
                                 std::optional<double> initial_best)
    : owner_(std::move(owner)),
      monitor_(std::move(monitor)),
      mode_(std::move(mode)),
      best_(initial_best) {
  if (mode_ != "auto" && mode_ != "min" && mode_ != "max") {
    warn(str(owner_, " mode ", mode_, " is unknown, fallback to auto mode."));
    mode_ = "auto";
  }
}

void MonitorCallback::set_monitor_op() {
  std::optional<bool> greater;
  if (mode_ == "min") {
    greater = false;
  } else if (mode_ == "max") {
    greater = true;
  } else {
    const std::string name =
        monitor_.rfind("val_", 0) == 0 ? monitor_.substr(4) : monitor_;
    if (name == "loss") greater = false;
    if (model() != nullptr) {
      for (const auto& m : model()->compiled_metrics()) {
        if (m->name() == name) {
          if (auto score = metric_is_score(m->class_name())) greater = *score;
        }
      }
    }
    // Per-output losses ("<output>_loss") are minimised too.
    if (!greater && name.size() > 5 &&
        name.compare(name.size() - 5, 5, "_loss") == 0) {
      greater = false;
    }
  }
  if (!greater) {
    throw ValueError(str(
        owner_, " callback received monitor=", monitor_,
        " but Keras isn't able to automatically determine whether that "
        "metric should be maximized or minimized. Pass `mode='max'` in order "
        "to do early stopping based on the highest metric value, or pass "
        "`mode='min'` in order to use the lowest value."));
  }
  greater_ = *greater;
  if (!greater_) min_delta_ = -min_delta_;
  op_set_ = true;
}

bool MonitorCallback::is_improvement(double current,
                                     std::optional<double> reference) const {
  if (!reference) return true;
  const double shifted = current - min_delta_;
  return greater_ ? shifted > *reference : shifted < *reference;
}

}  // namespace keras::callbacks
