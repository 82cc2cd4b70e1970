// File: keras/callbacks/reduce_lr_on_plateau.h
// -----------------------------------------------------------------------------
// keras::callbacks::ReduceLROnPlateau (Python: keras/src/callbacks/
// reduce_lr_on_plateau.py): multiplies the optimizer's learning rate by
// `factor` (not below min_lr) when the monitored value has not improved by
// min_delta for `patience` epochs, then waits `cooldown` epochs. Adds
// "learning_rate" to each epoch's logs (History records it).
//
//   model.fit(x, y, {.epochs = 50, .callbacks = {
//       std::make_shared<ReduceLROnPlateau>(ReduceLROnPlateauOptions{
//           .monitor = "loss", .factor = 0.5, .patience = 2})}});
//
// "auto" mode minimises unless the monitor's name contains "acc".
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>

#include "keras/callbacks/callback.h"

namespace keras::callbacks {

struct ReduceLROnPlateauOptions {
  std::string monitor = "val_loss";
  double factor = 0.1;
  std::int64_t patience = 10;
  int verbose = 0;
  std::string mode = "auto";
  double min_delta = 1e-4;
  std::int64_t cooldown = 0;
  double min_lr = 0.0;
};

class ReduceLROnPlateau : public Callback {
 public:
  explicit ReduceLROnPlateau(const ReduceLROnPlateauOptions& options = {});

  void on_train_begin(const Logs& logs) override;
  void on_epoch_end(std::int64_t epoch, Logs& logs) override;

  bool in_cooldown() const { return cooldown_counter_ > 0; }
  double best() const { return best_; }
  std::int64_t wait() const { return wait_; }

 private:
  void reset();
  bool improved(double current) const;

  ReduceLROnPlateauOptions options_;
  bool greater_ = false;
  double best_ = 0;
  std::int64_t wait_ = 0;
  std::int64_t cooldown_counter_ = 0;
};

}  // namespace keras::callbacks
