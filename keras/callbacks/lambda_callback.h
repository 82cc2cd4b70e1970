// File: keras/callbacks/lambda_callback.h
// -----------------------------------------------------------------------------
// keras::callbacks::LambdaCallback (Python: keras/src/callbacks/
// lambda_callback.py): a callback made of std::functions; unset ones do
// nothing.
//
//   auto print_loss = std::make_shared<LambdaCallback>(LambdaCallbackOptions{
//       .on_epoch_end = [](std::int64_t epoch, Logs& logs) {
//         std::cout << epoch << " " << logs.at("loss") << "\n";
//       }});
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <functional>

#include "keras/callbacks/callback.h"

namespace keras::callbacks {

struct LambdaCallbackOptions {
  std::function<void(std::int64_t, const Logs&)> on_epoch_begin;
  std::function<void(std::int64_t, Logs&)> on_epoch_end;
  std::function<void(std::int64_t, const Logs&)> on_train_batch_begin;
  std::function<void(std::int64_t, const Logs&)> on_train_batch_end;
  std::function<void(const Logs&)> on_train_begin;
  std::function<void(const Logs&)> on_train_end;
};

class LambdaCallback : public Callback {
 public:
  explicit LambdaCallback(LambdaCallbackOptions options)
      : options_(std::move(options)) {}

  void on_epoch_begin(std::int64_t epoch, const Logs& logs) override {
    if (options_.on_epoch_begin) options_.on_epoch_begin(epoch, logs);
  }
  void on_epoch_end(std::int64_t epoch, Logs& logs) override {
    if (options_.on_epoch_end) options_.on_epoch_end(epoch, logs);
  }
  void on_train_batch_begin(std::int64_t batch, const Logs& logs) override {
    if (options_.on_train_batch_begin)
      options_.on_train_batch_begin(batch, logs);
  }
  void on_train_batch_end(std::int64_t batch, const Logs& logs) override {
    if (options_.on_train_batch_end) options_.on_train_batch_end(batch, logs);
  }
  void on_train_begin(const Logs& logs) override {
    if (options_.on_train_begin) options_.on_train_begin(logs);
  }
  void on_train_end(const Logs& logs) override {
    if (options_.on_train_end) options_.on_train_end(logs);
  }

 private:
  LambdaCallbackOptions options_;
};

}  // namespace keras::callbacks
