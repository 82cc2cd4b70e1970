// File: keras/callbacks/early_stopping.h
// -----------------------------------------------------------------------------
// keras::callbacks::EarlyStopping (Python: keras/src/callbacks/
// early_stopping.py): stops fit() when the monitored value has not improved
// by more than min_delta for `patience` epochs.
//
//   auto stop = std::make_shared<EarlyStopping>(EarlyStoppingOptions{
//       .monitor = "val_loss", .patience = 3,
//       .restore_best_weights = true});
//   model.fit(x, y, {.epochs = 100, .callbacks = {stop},
//                    .validation_split = 0.2});
//   stop->stopped_epoch();   // 0 when training ran to the end
//
// baseline: training stops unless the value beats it within `patience`
// epochs. start_from_epoch: epochs before monitoring starts.
// restore_best_weights: at the end of training the weights of the best
// epoch are put back (when any epoch was monitored).
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/callbacks/monitor_callback.h"

namespace keras::callbacks {

struct EarlyStoppingOptions {
  std::string monitor = "val_loss";
  double min_delta = 0.0;
  std::int64_t patience = 0;
  int verbose = 0;
  std::string mode = "auto";
  std::optional<double> baseline = std::nullopt;
  bool restore_best_weights = false;
  std::int64_t start_from_epoch = 0;
};

class EarlyStopping : public MonitorCallback {
 public:
  explicit EarlyStopping(const EarlyStoppingOptions& options = {});

  void on_train_begin(const Logs& logs) override;
  void on_epoch_end(std::int64_t epoch, Logs& logs) override;
  void on_train_end(const Logs& logs) override;

  std::int64_t wait() const { return wait_; }
  std::int64_t stopped_epoch() const { return stopped_epoch_; }
  std::int64_t best_epoch() const { return best_epoch_; }

 private:
  EarlyStoppingOptions options_;
  std::int64_t wait_ = 0;
  std::int64_t stopped_epoch_ = 0;
  std::int64_t best_epoch_ = 0;
  std::optional<std::vector<Tensor>> best_weights_;
};

}  // namespace keras::callbacks
