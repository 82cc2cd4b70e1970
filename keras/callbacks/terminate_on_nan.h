// File: keras/callbacks/terminate_on_nan.h
// -----------------------------------------------------------------------------
// keras::callbacks::TerminateOnNaN (Python: keras/src/callbacks/
// terminate_on_nan.py): stops training after the first batch whose loss is
// NaN or infinite, printing "Batch <k>: Invalid loss, terminating training".
// -----------------------------------------------------------------------------
#pragma once

#include <iosfwd>

#include "keras/callbacks/callback.h"

namespace keras::callbacks {

class TerminateOnNaN : public Callback {
 public:
  explicit TerminateOnNaN(std::ostream* out = nullptr);
  void on_train_batch_end(std::int64_t batch, const Logs& logs) override;

 private:
  std::ostream* out_;
};

}  // namespace keras::callbacks
