// File: keras/callbacks/callback.h
// -----------------------------------------------------------------------------
// keras::callbacks::Callback (Python: keras/src/callbacks/callback.py): hooks
// fit / evaluate / predict call at the start and end of training, of each
// epoch and of each batch. Derive from it and override what you need:
//
//   struct StopAtLoss : keras::callbacks::Callback {
//     void on_epoch_end(std::int64_t, keras::trainers::Logs& logs)
//     override {
//       if (logs.at("loss") < 0.1) model()->stop_training = true;
//     }
//   };
//   model.fit(x, y, {.epochs = 100,
//                    .callbacks = {std::make_shared<StopAtLoss>()}});
//
// on_epoch_end gets the epoch's logs mutable, as Keras' shared dict:
// callbacks earlier in the list may add entries (ReduceLROnPlateau and
// LearningRateScheduler add "learning_rate", which History then records).
// `params()` holds verbose / epochs / steps as fit() set them; `model()` is
// the model being trained (set by fit/evaluate/predict).
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "keras/trainers/logs.h"

namespace keras {
class Model;
}

namespace keras::callbacks {

using trainers::Logs;

// Keras' callback params dict.
struct CallbackParams {
  int verbose = 1;
  std::int64_t epochs = 1;
  std::optional<std::int64_t> steps;  // batches per epoch, if known
};

class Callback {
 public:
  virtual ~Callback();

  virtual void set_params(const CallbackParams& params) { params_ = params; }
  const CallbackParams& params() const { return params_; }
  virtual void set_model(Model* model) { model_ = model; }
  Model* model() const { return model_; }

  virtual void on_train_begin(const Logs& /*logs*/) {}
  virtual void on_train_end(const Logs& /*logs*/) {}
  virtual void on_epoch_begin(std::int64_t /*epoch*/, const Logs& /*logs*/) {}
  virtual void on_epoch_end(std::int64_t /*epoch*/, Logs& /*logs*/) {}
  virtual void on_train_batch_begin(std::int64_t /*batch*/,
                                    const Logs& /*logs*/) {}
  virtual void on_train_batch_end(std::int64_t /*batch*/,
                                  const Logs& /*logs*/) {}
  virtual void on_test_begin(const Logs& /*logs*/) {}
  virtual void on_test_end(const Logs& /*logs*/) {}
  virtual void on_test_batch_begin(std::int64_t /*batch*/,
                                   const Logs& /*logs*/) {}
  virtual void on_test_batch_end(std::int64_t /*batch*/, const Logs& /*logs*/) {
  }
  virtual void on_predict_begin(const Logs& /*logs*/) {}
  virtual void on_predict_end(const Logs& /*logs*/) {}
  virtual void on_predict_batch_begin(std::int64_t /*batch*/,
                                      const Logs& /*logs*/) {}
  virtual void on_predict_batch_end(std::int64_t /*batch*/,
                                    const Logs& /*logs*/) {}

 protected:
  Callback() = default;

 private:
  CallbackParams params_;
  Model* model_ = nullptr;
};

using CallbackPtr = std::shared_ptr<Callback>;

}  // namespace keras::callbacks
