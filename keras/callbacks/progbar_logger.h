// File: keras/callbacks/progbar_logger.h
// -----------------------------------------------------------------------------
// keras::callbacks::ProgbarLogger (Python: keras/src/callbacks/
// progbar_logger.py): the progress bar of fit / evaluate / predict. fit()
// adds one when verbose != 0: "Epoch k/N" lines (when epochs > 1), a
// dynamic bar per epoch (verbose=1) or one summary line per epoch
// (verbose=2). Validation inside fit() is silent.
// -----------------------------------------------------------------------------
#pragma once

#include <iosfwd>
#include <memory>

#include "keras/callbacks/callback.h"

namespace keras {
class Progbar;
}

namespace keras::callbacks {

class ProgbarLogger : public Callback {
 public:
  // `out`: where to print (nullptr: std::cout).
  explicit ProgbarLogger(std::ostream* out = nullptr);
  ~ProgbarLogger() override;

  void set_params(const CallbackParams& params) override;
  void on_train_begin(const Logs& logs) override;
  void on_test_begin(const Logs& logs) override;
  void on_predict_begin(const Logs& logs) override;
  void on_epoch_begin(std::int64_t epoch, const Logs& logs) override;
  void on_train_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_test_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_predict_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_epoch_end(std::int64_t epoch, Logs& logs) override;
  void on_test_end(const Logs& logs) override;
  void on_predict_end(const Logs& logs) override;

 private:
  void reset_progbar();
  void maybe_init_progbar();
  void update_progbar(std::int64_t batch, const Logs& logs);
  void finalize_progbar(const Logs& logs);

  std::ostream* out_;
  std::unique_ptr<Progbar> progbar_;
  std::int64_t seen_ = 0;
  std::optional<std::int64_t> target_;
  int verbose_ = 1;
  std::int64_t epochs_ = 1;
  bool called_in_fit_ = false;
};

}  // namespace keras::callbacks
