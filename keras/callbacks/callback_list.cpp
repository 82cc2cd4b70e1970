#include "keras/callbacks/callback_list.h"

#include "keras/callbacks/progbar_logger.h"
#include "keras/core/error.h"

namespace keras::callbacks {

CallbackList::CallbackList(std::vector<CallbackPtr> callbacks, Model* model,
                           const CallbackParams& params,
                           const CallbackListOptions& options)
    : callbacks_(std::move(callbacks)) {
  bool has_progbar = false;
  for (const CallbackPtr& cb : callbacks_) {
    if (!cb) throw ValueError("A callback in `callbacks` is null.");
    if (auto h = std::dynamic_pointer_cast<History>(cb)) history_ = h;
    if (std::dynamic_pointer_cast<ProgbarLogger>(cb)) has_progbar = true;
  }
  if (!history_ && options.add_history) {
    history_ = std::make_shared<History>();
    callbacks_.push_back(history_);
  }
  if (!has_progbar && options.add_progbar) {
    callbacks_.push_back(std::make_shared<ProgbarLogger>(options.out));
  }
  set_model(model);
  set_params(params);
}

void CallbackList::set_params(const CallbackParams& params) {
  Callback::set_params(params);
  for (const CallbackPtr& cb : callbacks_) cb->set_params(params);
}

void CallbackList::set_model(Model* model) {
  if (!model) return;
  Callback::set_model(model);
  for (const CallbackPtr& cb : callbacks_) cb->set_model(model);
}

#define KERAS_FORWARD(call) \
  for (const CallbackPtr& cb : callbacks_) cb->call

void CallbackList::on_train_begin(const Logs& logs) {
  KERAS_FORWARD(on_train_begin(logs));
}
void CallbackList::on_train_end(const Logs& logs) {
  KERAS_FORWARD(on_train_end(logs));
}
void CallbackList::on_epoch_begin(std::int64_t epoch, const Logs& logs) {
  KERAS_FORWARD(on_epoch_begin(epoch, logs));
}
void CallbackList::on_epoch_end(std::int64_t epoch, Logs& logs) {
  KERAS_FORWARD(on_epoch_end(epoch, logs));
}
void CallbackList::on_train_batch_begin(std::int64_t batch, const Logs& logs) {
  KERAS_FORWARD(on_train_batch_begin(batch, logs));
}
void CallbackList::on_train_batch_end(std::int64_t batch, const Logs& logs) {
  const Logs sorted = logs.sorted();
  KERAS_FORWARD(on_train_batch_end(batch, sorted));
}
void CallbackList::on_test_begin(const Logs& logs) {
  KERAS_FORWARD(on_test_begin(logs));
}
void CallbackList::on_test_end(const Logs& logs) {
  KERAS_FORWARD(on_test_end(logs));
}
void CallbackList::on_test_batch_begin(std::int64_t batch, const Logs& logs) {
  KERAS_FORWARD(on_test_batch_begin(batch, logs));
}
void CallbackList::on_test_batch_end(std::int64_t batch, const Logs& logs) {
  const Logs sorted = logs.sorted();
  KERAS_FORWARD(on_test_batch_end(batch, sorted));
}
void CallbackList::on_predict_begin(const Logs& logs) {
  KERAS_FORWARD(on_predict_begin(logs));
}
void CallbackList::on_predict_end(const Logs& logs) {
  KERAS_FORWARD(on_predict_end(logs));
}
void CallbackList::on_predict_batch_begin(std::int64_t batch,
                                          const Logs& logs) {
  KERAS_FORWARD(on_predict_batch_begin(batch, logs));
}
void CallbackList::on_predict_batch_end(std::int64_t batch, const Logs& logs) {
  KERAS_FORWARD(on_predict_batch_end(batch, logs));
}

#undef KERAS_FORWARD

}  // namespace keras::callbacks
