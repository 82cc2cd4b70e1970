// File: keras/callbacks/model_checkpoint.h
// -----------------------------------------------------------------------------
// keras::callbacks::ModelCheckpoint (Python: keras/src/callbacks/
// model_checkpoint.py): saves the model (".keras") or its weights
// (".weights.h5", save_weights_only) at the end of every epoch, or every
// `save_freq` batches, optionally only when the monitored value improved.
//
//   auto ckpt = std::make_shared<ModelCheckpoint>(
//       "ckpt/model.{epoch:02d}-{val_loss:.2f}.keras",
//       ModelCheckpointOptions{.save_best_only = true});
//
// The path is formatted like Python's str.format with `epoch` (1-based),
// `batch` (1-based, batch saving) and every log value: {epoch:02d},
// {val_loss:.2f}, {loss:.3e}, {loss}. Missing directories are created.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "keras/callbacks/monitor_callback.h"

namespace keras::callbacks {

struct ModelCheckpointOptions {
  std::string monitor = "val_loss";
  int verbose = 0;
  bool save_best_only = false;
  bool save_weights_only = false;
  std::string mode = "auto";
  // "epoch", or a number of batches.
  std::variant<std::string, std::int64_t> save_freq = std::string("epoch");
  std::optional<double> initial_value_threshold = std::nullopt;
};

class ModelCheckpoint : public MonitorCallback {
 public:
  explicit ModelCheckpoint(std::string filepath,
                           const ModelCheckpointOptions& options = {});

  void on_train_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_epoch_begin(std::int64_t epoch, const Logs& logs) override;
  void on_epoch_end(std::int64_t epoch, Logs& logs) override;

  const std::string& filepath() const { return filepath_; }

 private:
  bool should_save_on_batch(std::int64_t batch);
  void save_model(std::int64_t epoch, std::optional<std::int64_t> batch,
                  const Logs& logs);
  bool should_save_model(std::int64_t epoch, const Logs& logs,
                         const std::string& path);

  std::string filepath_;
  ModelCheckpointOptions options_;
  std::optional<std::int64_t> batch_freq_;
  std::int64_t batches_since_saving_ = 0;
  std::int64_t last_batch_seen_ = 0;
  std::int64_t current_epoch_ = 0;
};

// Python's str.format for checkpoint paths: `{name}` / `{name:spec}` with
// the named values (integers for epoch/batch, floats for logs); "{{"/"}}"
// are literal braces. ValueError naming the field when a name is missing
// or a spec does not apply.
std::string format_filepath(const std::string& pattern, std::int64_t epoch,
                            std::optional<std::int64_t> batch,
                            const Logs& logs);

}  // namespace keras::callbacks
