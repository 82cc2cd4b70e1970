// File: keras/callbacks/callback_list.h
// -----------------------------------------------------------------------------
// keras::callbacks::CallbackList (Python: keras/src/callbacks/
// callback_list.py): calls every callback in order. fit() builds one from
// the user's callbacks, adding a History and (verbose != 0) a ProgbarLogger
// unless the list already holds one. Batch-end logs reach the callbacks with
// keys sorted, as Keras' pythonify step leaves them.
// -----------------------------------------------------------------------------
#pragma once

#include <iosfwd>
#include <memory>
#include <vector>

#include "keras/callbacks/callback.h"
#include "keras/callbacks/history.h"

namespace keras::callbacks {

class ProgbarLogger;

struct CallbackListOptions {
  bool add_history = false;
  bool add_progbar = false;
  std::ostream* out = nullptr;  // the ProgbarLogger's stream (std::cout)
};

class CallbackList : public Callback {
 public:
  CallbackList(std::vector<CallbackPtr> callbacks, Model* model,
               const CallbackParams& params,
               const CallbackListOptions& options = {});

  const std::vector<CallbackPtr>& callbacks() const { return callbacks_; }
  // The History in the list (added or the user's), or null.
  const std::shared_ptr<History>& history() const { return history_; }

  void set_params(const CallbackParams& params) override;
  void set_model(Model* model) override;

  void on_train_begin(const Logs& logs) override;
  void on_train_end(const Logs& logs) override;
  void on_epoch_begin(std::int64_t epoch, const Logs& logs) override;
  void on_epoch_end(std::int64_t epoch, Logs& logs) override;
  void on_train_batch_begin(std::int64_t batch, const Logs& logs) override;
  void on_train_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_test_begin(const Logs& logs) override;
  void on_test_end(const Logs& logs) override;
  void on_test_batch_begin(std::int64_t batch, const Logs& logs) override;
  void on_test_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_predict_begin(const Logs& logs) override;
  void on_predict_end(const Logs& logs) override;
  void on_predict_batch_begin(std::int64_t batch, const Logs& logs) override;
  void on_predict_batch_end(std::int64_t batch, const Logs& logs) override;

 private:
  std::vector<CallbackPtr> callbacks_;
  std::shared_ptr<History> history_;
};

}  // namespace keras::callbacks
