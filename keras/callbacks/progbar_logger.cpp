#include "keras/callbacks/progbar_logger.h"

#include <iostream>
#include <set>

#include "keras/utils/progbar.h"

namespace keras::callbacks {

ProgbarLogger::ProgbarLogger(std::ostream* out)
    : out_(out ? out : &std::cout) {}

ProgbarLogger::~ProgbarLogger() = default;

void ProgbarLogger::set_params(const CallbackParams& params) {
  Callback::set_params(params);
  verbose_ = params.verbose;
  epochs_ = params.epochs;
  target_ = params.steps;
}

void ProgbarLogger::on_train_begin(const Logs& /*logs*/) {
  called_in_fit_ = true;  // validation inside fit() stays silent
}

void ProgbarLogger::on_test_begin(const Logs& /*logs*/) {
  if (called_in_fit_) return;
  reset_progbar();
  maybe_init_progbar();
}

void ProgbarLogger::on_predict_begin(const Logs& /*logs*/) {
  reset_progbar();
  maybe_init_progbar();
}

void ProgbarLogger::on_epoch_begin(std::int64_t epoch, const Logs& /*logs*/) {
  reset_progbar();
  maybe_init_progbar();
  if (verbose_ != 0 && epochs_ > 1) {
    *out_ << "Epoch " << epoch + 1 << "/" << epochs_ << "\n";
  }
}

void ProgbarLogger::on_train_batch_end(std::int64_t batch, const Logs& logs) {
  update_progbar(batch, logs);
}

void ProgbarLogger::on_test_batch_end(std::int64_t batch, const Logs& logs) {
  if (!called_in_fit_) update_progbar(batch, logs);
}

void ProgbarLogger::on_predict_batch_end(std::int64_t batch,
                                         const Logs& /*logs*/) {
  update_progbar(batch, {});  // predictions are not shown
}

void ProgbarLogger::on_epoch_end(std::int64_t /*epoch*/, Logs& logs) {
  finalize_progbar(logs);
}

void ProgbarLogger::on_test_end(const Logs& logs) {
  if (!called_in_fit_) finalize_progbar(logs);
}

void ProgbarLogger::on_predict_end(const Logs& logs) { finalize_progbar(logs); }

void ProgbarLogger::reset_progbar() {
  seen_ = 0;
  progbar_.reset();
}

void ProgbarLogger::maybe_init_progbar() {
  if (progbar_) return;
  // The logs are running averages already: the bar shows them as given.
  ProgbarOptions options;
  options.verbose = verbose_;
  options.stateless_metrics = std::set<std::string>{};
  options.out = out_;
  progbar_ = std::make_unique<Progbar>(target_, std::move(options));
}

void ProgbarLogger::update_progbar(std::int64_t batch, const Logs& logs) {
  maybe_init_progbar();
  seen_ = batch + 1;
  if (verbose_ == 1) progbar_->update(seen_, logs.items(), false);
}

void ProgbarLogger::finalize_progbar(const Logs& logs) {
  maybe_init_progbar();
  if (!target_) {
    target_ = seen_;
    progbar_->set_target(target_);
  }
  progbar_->update(*target_, logs.items(), true);
}

}  // namespace keras::callbacks
