// Test helper for the callback tests: a one-weight linear model y = w * x
// (w starts at 1, no bias) compiled with plain SGD and mse, and data for
// y = 2x, so losses fall predictably from epoch to epoch.
#pragma once

#include <memory>
#include <vector>

#include "keras/keras.h"

namespace keras::testing {

struct LinearModel {
  std::shared_ptr<Model> model;
  layers::Dense dense{1, {.use_bias = false}};
  Tensor x = Tensor::from_vector<float>({1, 2, 3, 4}, {4, 1});
  Tensor y = Tensor::from_vector<float>({2, 4, 6, 8}, {4, 1});

  explicit LinearModel(double learning_rate = 0.01) {
    auto input = Input({1}, {.name = "x"});
    model = std::make_shared<Model>(input, dense(input),
                                    ModelOptions{.name = "linear"});
    dense->kernel()->assign(Tensor::from_vector<float>({1}, {1, 1}));
    model->compile({.optimizer = std::make_shared<optimizers::SGD>(
                        optimizers::SGDOptions{.learning_rate = learning_rate}),
                    .loss = "mse",
                    .metrics = {"mae"}});
  }
  double weight() const { return dense->kernel()->numpy().item(); }
  // fit() on the data, no shuffling, silent.
  callbacks::History fit(std::vector<callbacks::CallbackPtr> cbs,
                         std::int64_t epochs, bool validate = true) {
    return model->fit(
        x, y,
        {.batch_size = 2,
         .epochs = epochs,
         .verbose = 0,
         .callbacks = std::move(cbs),
         .shuffle = false,
         .validation_data = validate ? trainers::ValidationData{x, y}
                                     : trainers::ValidationData{}});
  }
};

// A callback recording which hooks ran, in order.
struct RecordingCallback : callbacks::Callback {
  std::vector<std::string> calls;
  void on_train_begin(const trainers::Logs&) override {
    calls.push_back("train_begin");
  }
  void on_train_end(const trainers::Logs&) override {
    calls.push_back("train_end");
  }
  void on_epoch_begin(std::int64_t e, const trainers::Logs&) override {
    calls.push_back("epoch_begin " + std::to_string(e));
  }
  void on_epoch_end(std::int64_t e, trainers::Logs&) override {
    calls.push_back("epoch_end " + std::to_string(e));
  }
  void on_train_batch_begin(std::int64_t b, const trainers::Logs&) override {
    calls.push_back("batch_begin " + std::to_string(b));
  }
  void on_train_batch_end(std::int64_t b, const trainers::Logs&) override {
    calls.push_back("batch_end " + std::to_string(b));
  }
  void on_test_begin(const trainers::Logs&) override {
    calls.push_back("test_begin");
  }
  void on_test_end(const trainers::Logs&) override {
    calls.push_back("test_end");
  }
  void on_test_batch_end(std::int64_t b, const trainers::Logs&) override {
    calls.push_back("test_batch_end " + std::to_string(b));
  }
  void on_predict_begin(const trainers::Logs&) override {
    calls.push_back("predict_begin");
  }
  void on_predict_batch_end(std::int64_t b, const trainers::Logs&) override {
    calls.push_back("predict_batch_end " + std::to_string(b));
  }
  void on_predict_end(const trainers::Logs&) override {
    calls.push_back("predict_end");
  }
};

}  // namespace keras::testing
